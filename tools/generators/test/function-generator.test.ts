// The generator on an in-memory workspace: names, refusals, and the registrations outside the new
// folders. new-function.test.ts runs it for real in a scratch copy of the repository.
import type { Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { functionGenerator, functionNames, FunctionOptionsError } from '../src/index.js';
import { singular } from '../src/function/names.js';

const DEV_TABLES = `import { memberTables } from '@retail/member';
import { idempotencyTable } from '@retail/runtime';

export const platformTables = [
  ...memberTables,
  idempotencyTable,
];
`;
const LINT = `const DOMAIN_SCOPES = {
  'scope:member': ['scope:member', 'scope:shared'],
};
`;

let tree: Tree;
beforeEach(() => {
  tree = createTreeWithEmptyWorkspace();
  tree.write('tools/dev/src/tables.ts', DEV_TABLES);
  tree.write(
    'tools/dev/package.json',
    JSON.stringify({ name: '@retail/dev', dependencies: { '@retail/member': 'workspace:*' } }),
  );
  tree.write('eslint.config.mjs', LINT);
  tree.write(
    'apps/member/package.json',
    JSON.stringify({ name: '@retail/app-member', retail: { function: 'member', routes: ['/members'] } }),
  );
});

const generate = (name: string, prefix: string, more: object = {}) =>
  functionGenerator(tree, { name, prefix, skipInstall: true, skipFormat: true, ...more });

describe('names', () => {
  it('derives the resource, its id prefix and the table from the prefix', () => {
    const names = functionNames({ name: 'pricing', prefix: '/prices' });
    expect([names.one.pascal, names.many.camel, names.idPrefix, names.table]).toEqual([
      'Price',
      'prices',
      'price',
      'pricing_prices',
    ]);
    const cards = functionNames({ name: 'gift-cards', prefix: '/gift-cards' });
    expect([cards.fn.pascal, cards.one.camel, cards.idPrefix, cards.table]).toEqual([
      'GiftCards',
      'giftCard',
      'giftcard',
      'gift_cards',
    ]);
    expect(functionNames({ name: 'slots', prefix: '/delivery-slots', idPrefix: 'dsl' }).idPrefix).toBe('dsl');
  });

  it('makes common plurals singular and leaves other words alone', () => {
    expect(['prices', 'categories', 'addresses', 'boxes', 'delivery-slots', 'fish'].map(singular)).toEqual([
      'price',
      'category',
      'address',
      'box',
      'delivery-slot',
      'fish',
    ]);
  });

  it.each([
    ['Pricing', '/prices'],
    ['pricing', 'prices'],
    ['pricing', '/Prices'],
    ['pricing', '/_gateway'],
  ])('refuses name %s with prefix %s', (name, prefix) => {
    expect(() => functionNames({ name, prefix })).toThrow(FunctionOptionsError);
  });
});

describe('functionGenerator', () => {
  it('writes the app and the library with the names filled in and no template left', async () => {
    await generate('gift-cards', '/gift-cards');
    const files = [
      'apps/gift-cards/src/controllers/gift-cards.controller.ts',
      'apps/gift-cards/src/dto/gift-card-bodies.ts',
      'apps/gift-cards/test/bundle.test.ts',
      'packages/gift-cards/src/create-gift-card.ts',
      'packages/gift-cards/src/gift-cards-service.ts',
      'packages/gift-cards/api-extractor.json',
    ];
    for (const file of files) expect(tree.exists(file), file).toBe(true);
    expect(tree.read('packages/gift-cards/src/tables.ts', 'utf-8')).toContain("name: 'gift_cards'");
    expect(tree.read('apps/gift-cards/src/controllers/gift-cards.controller.ts', 'utf-8')).toContain("@Path('/gift-cards')");
    const app = JSON.parse(tree.read('apps/gift-cards/package.json', 'utf-8')!) as { retail: unknown };
    expect(app.retail).toEqual({ function: 'gift-cards', routes: ['/gift-cards'] });
  });

  it('registers the tables with pnpm dev and the scope with the lint rules', async () => {
    await generate('pricing', '/prices');
    const tables = tree.read('tools/dev/src/tables.ts', 'utf-8')!;
    expect(tables).toContain("import { pricingTables } from '@retail/pricing';\n\nexport const platformTables");
    expect(tables).toContain('export const platformTables = [\n  ...pricingTables,\n  ...memberTables,');
    const dev = JSON.parse(tree.read('tools/dev/package.json', 'utf-8')!) as { dependencies: Record<string, string> };
    expect(Object.keys(dev.dependencies)).toEqual(['@retail/member', '@retail/pricing']);
    expect(tree.read('eslint.config.mjs', 'utf-8')).toContain(
      "  'scope:member': ['scope:member', 'scope:shared'],\n  'scope:pricing': ['scope:pricing', 'scope:shared'],\n};",
    );
  });

  it('still generates when tools/dev or the lint config have changed shape (and says what to do)', async () => {
    tree.delete('tools/dev/src/tables.ts');
    tree.write('eslint.config.mjs', 'export default [];\n');
    await generate('pricing', '/prices');
    expect(tree.exists('apps/pricing/src/app.ts')).toBe(true);
    expect(tree.read('eslint.config.mjs', 'utf-8')).toBe('export default [];\n');
  });

  it('refuses a name whose folders exist, and a prefix another function routes or overlaps', async () => {
    await expect(generate('member', '/loyalty')).rejects.toThrow('apps/member exists already');
    await expect(generate('points', '/members')).rejects.toThrow('overlaps /members');
    await expect(generate('points', '/members/points')).rejects.toThrow('overlaps /members');
    expect(tree.exists('apps/points')).toBe(false);
  });
});
