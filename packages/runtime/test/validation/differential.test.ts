/**
 * The compiled validators against class-transformer + class-validator: for every DTO, many inputs,
 * the same answer (the same problems, each field's messages in any order; equal instances).
 */
import { getMetadataStorage } from 'class-validator';
import { parse, stringify } from 'node:querystring';
import { describe, expect, it } from 'vitest';
import { compiledToDto, describeCompiled, unsupportedReason } from '../../src/validation/compiled.js';
import { toDto, toDtoWithClassValidator, type Constructor } from '../../src/validation/validate.js';
import { reservedKeyProblems } from '../../src/validation/reserved-keys.js';
import * as bench from '../../bench/controllers.js';
import * as fixtures from '../fixtures.js';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the member function's real DTOs, read as test data
import * as memberBodies from '../../../../apps/member/src/dto/member-bodies.js';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the member function's real DTOs, read as test data
import * as pointsBodies from '../../../../apps/member/src/dto/points-bodies.js';
import * as dtos from './dtos.js';
import { BODY_VALUES, inputs, QUERY_VALUES } from './inputs.js';
import * as queryDtos from './query-dtos.js';

type Result = ReturnType<typeof toDto>;

/** Problems with each field's messages sorted: class-validator's order within a field is not a contract. */
function normal(result: Result): unknown {
  if ('value' in result) return result;
  return { problems: result.problems.map((p) => ({ field: p.field, messages: [...p.messages].sort() })) };
}

function keysOf(type: Constructor): string[] {
  const names = Object.keys(
    getMetadataStorage().groupByPropertyName(getMetadataStorage().getTargetValidationMetadatas(type, '', false, false)),
  );
  return [...names, 'extra', 'name', 'items', 'sku', 'quantity'];
}

interface Case {
  type: Constructor;
  samples: unknown[];
  count?: number;
  /** The samples are not all valid (they are starting points for invalid inputs too). */
  mixed?: boolean;
}

const ORDER = { memberId: 'm-1', storeId: 'st-1', items: [{ sku: 'sku-1', quantity: 2, unitPriceCents: 1299 }] };
const LEAF = { name: 'ab', weight: 1 };

const BODY_CASES: Record<string, Case> = {
  'fixtures CreateOrderBody': {
    type: fixtures.CreateOrderBody,
    samples: [{ memberId: 'm1', items: [{ sku: 'a', quantity: 1 }] }],
  },
  'fixtures Line': { type: fixtures.Line, samples: [{ sku: 'a', quantity: 1 }] },
  'bench CreateOrderBody': {
    type: bench.CreateOrderBody,
    samples: [ORDER, { ...ORDER, items: [ORDER.items[0], { sku: 'sku-2', quantity: 99, unitPriceCents: 0 }] }],
    count: 1500,
  },
  'bench OrderLine': { type: bench.OrderLine, samples: [ORDER.items[0]] },
  'member RegisterMemberBody': {
    type: memberBodies.RegisterMemberBody,
    samples: [
      { phone: '13800000000', name: 'Lin' },
      { phone: '13800000000', name: 'Lin', birthday: '1990-02-28' },
    ],
  },
  'member UpdateMemberBody': {
    type: memberBodies.UpdateMemberBody,
    samples: [{ name: 'Lin' }, { birthday: null }, { birthday: '2024-02-29' }, {}],
  },
  'member ChangePointsBody': {
    type: pointsBodies.ChangePointsBody,
    samples: [
      { delta: 5, reason: 'order' },
      { delta: -1_000_000_000, reason: 'x' },
    ],
  },
  Strings: {
    type: dtos.Strings,
    samples: [
      { code: 'ab' },
      {
        code: '\u{1F600}\u{1F600}',
        short: 'abc',
        word: 'Hello',
        digits: '123',
        day: '2024-02-29',
        loose: '2024-01-01T10:00:00Z',
        dateString: '2024-01-01',
        id: 'c9bf9e57-1685-4c89-bafb-ff5af830be8a',
        anyId: 'c9bf9e57-1685-1c89-bafb-ff5af830be8a',
        notEmpty: 'x',
        color: '#ff00aa',
        containsAb: 'xaby',
        numeric: '1.5',
        flag: 'true',
      },
    ],
  },
  Numbers: {
    type: dtos.Numbers,
    samples: [
      { quantity: 1 },
      { quantity: 99, anyNumber: 1.5, wide: NaN, price: 1.25, positive: 1, negative: -1, nonZero: 3, answer: 42, fraction: -1.5 },
    ],
  },
  Choices: {
    type: dtos.Choices,
    samples: [
      { pick: 'a', required: 0 },
      { pick: 1, notX: 'y', color: 'red', level: 1, flag: false, meta: { a: 1 }, nothing: '', required: 'x', anything: [1] },
    ],
  },
  Arrays: {
    type: dtos.Arrays,
    samples: [{ numbers: [0] }, { numbers: [1, 2, 3], tags: ['a', 'bc'], has: ['must'], defined: [0, ''] }],
  },
  Messages: {
    type: dtos.Messages,
    samples: [
      { count: 10, name: 'ab' },
      { count: 11, name: 'a', choice: 'a', x: 'xy', list: ['a'], leaf: LEAF },
    ],
  },
  Conditional: {
    type: dtos.Conditional,
    samples: [
      {},
      { kind: 'b', forB: 'ok' },
      { limit: 5, note: 'n', year: null, onlyForA: 1 },
      { kind: 'b', forB: 'x', year: '2024', list: [] },
    ],
  },
  Leaf: { type: dtos.Leaf, samples: [LEAF] },
  Branch: { type: dtos.Branch, samples: [{ label: 'b', leaves: [LEAF], main: LEAF }] },
  Tree: {
    type: dtos.Tree,
    samples: [
      { name: 't', branches: [] },
      { name: 't', branches: [{ label: 'b', leaves: [LEAF, { name: 'c' }] }], root: LEAF, grid: [[LEAF], [LEAF, LEAF]] },
    ],
    count: 1000,
  },
  Category: {
    type: dtos.Category,
    samples: [
      {
        name: 'root',
        children: [
          { name: 'a', children: [{ name: 'a1' }] },
          { name: 'b', parent: { name: 'root' } },
        ],
      },
    ],
  },
  LooseNesting: {
    type: dtos.LooseNesting,
    mixed: true,
    samples: [{ untyped: LEAF }, { untyped: {}, empty: { value: 1 }, withDefault: LEAF, bag: { a: [1] } }],
  },
  Defaults: { type: dtos.Defaults, mixed: true, samples: [{}, { tags: ['a'], odd: LEAF, sparse: [LEAF], leaves: {} }] },
  Coerced: { type: dtos.Coerced, mixed: true, samples: [{ n: '12' }, { n: 1, s: 5, b: 'false', many: ['1', '2.5', 'x'] }] },
  Base: { type: dtos.Base, samples: [{ id: 'a', rank: 5 }] },
  Derived: { type: dtos.Derived, samples: [{ id: 'a', rank: 7, active: true }] },
  Custom: {
    type: dtos.Custom,
    samples: [{ even: 2 }, { even: 4, evens: [2, 4], slow: 'x', shout: 'HEY', enabled: true, fake: 'str' }],
  },
  // body-mode check of a class whose query form is not compiled
  WithDateQuery: { type: dtos.WithDateQuery, mixed: true, samples: [{}, { since: '2024-01-01' }] },
};

const QUERY_CASES: Record<string, Case> = {
  'fixtures ListQuery': { type: fixtures.ListQuery, samples: [{}, { limit: '5', cursor: 'c1' }] },
  'member ListQuery': { type: pointsBodies.ListQuery, samples: [{}, { limit: '100', cursor: 'c' }] },
  'member PhoneQuery': { type: memberBodies.PhoneQuery, samples: [{ phone: '13800000000' }] },
  SearchQuery: {
    type: dtos.SearchQuery,
    samples: [{}, { limit: '1', near: '1.5', open: 'true', cursor: 'abc', format: 'a', tags: ['x', 'y'] }],
  },
  FlagsQuery: {
    type: queryDtos.FlagsQuery,
    samples: [{}, { open: 'false', loose: 'true', active: 'false', flags: ['true', 'false'], unchecked: 'true', limit: '3' }],
  },
};

/** Query DTOs handed objects rather than a parsed query string (toDto accepts them): nested booleans. */
const NESTED_QUERY_CASES: Record<string, Case> = {
  NestedFlagsQuery: {
    type: queryDtos.NestedFlagsQuery,
    samples: [
      {},
      { open: 'true', filter: { open: 'false', delivery: 'true' }, filters: [{ open: 'true' }, { delivery: 'false' }] },
    ],
  },
};

const UNSUPPORTED: Record<string, [Constructor, unknown[], boolean?]> = {
  WithExpose: [dtos.WithExpose, [{ full_name: 'x' }, { fullName: 'x' }, {}]],
  WithExclude: [dtos.WithExclude, [{ name: 'a', secret: 's' }, { name: 1 }]],
  WithTransform: [dtos.WithTransform, [{ name: '  ab  ' }, { name: 'abcd' }]],
  WithPromise: [dtos.WithPromise, [{ later: 1 }, {}]],
  WithDiscriminator: [dtos.WithDiscriminator, [{ item: { kind: 'a' } }, { item: { kind: 'b' } }]],
  WithUnsupportedChild: [dtos.WithUnsupportedChild, [{ child: { name: ' a ' } }]],
  'WithDateQuery (query)': [dtos.WithDateQuery, [{ since: '2024-01-01' }, { since: 'x' }], true],
  'ShapedFlagsQuery (query)': [
    queryDtos.ShapedFlagsQuery,
    [
      { name: 'a', open: 'false', has_delivery: 'true' },
      { name: 'a', open: 'x', has_delivery: '', yes: 'yes' },
    ],
    true,
  ],
  NoRules: [dtos.NoRules, [{ value: 1 }]],
};

type Outcome = { answer: unknown } | { threw: string };

function outcome(run: () => Result | undefined): Outcome | undefined {
  try {
    const result = run();
    return result === undefined ? undefined : { answer: normal(result) };
  } catch (error) {
    return { threw: `${(error as Error).constructor.name}: ${(error as Error).message}` };
  }
}

/**
 * The compiled answer equals class-validator's. Where class-transformer itself throws on an input,
 * toDto must throw the same (the compiled validator may hand such an input over).
 */
function check(type: Constructor, input: object, fromQuery: boolean): 'valid' | 'invalid' | 'threw' {
  const expected = outcome(() => toDtoWithClassValidator(type, input, { fromQuery }))!;
  const actual = outcome(() => compiledToDto(type, input, fromQuery));
  const label = `${type.name} ${JSON.stringify(input)}`;
  if (reservedKeyProblems(input).length > 0) {
    // Refused before either path runs (class-transformer would throw or drop such keys).
    expect(
      outcome(() => toDto(type, input, { fromQuery })),
      label,
    ).toStrictEqual(expected);
    return 'invalid';
  }
  if ('threw' in expected) {
    expect(
      outcome(() => toDto(type, input, { fromQuery })),
      label,
    ).toStrictEqual(expected);
    return 'threw';
  }
  if (actual === undefined) throw new Error(`the compiled validator passed on ${label}`);
  expect(actual, label).toStrictEqual(expected);
  const result = compiledToDto(type, input, fromQuery)!;
  if ('value' in result) expect(result.value).toBeInstanceOf(type);
  return 'value' in result ? 'valid' : 'invalid';
}

/** Both answers show up among the inputs: the generator does reach valid and invalid ones. */
function expectMix(outcomes: string[]): void {
  const count = (kind: string) => outcomes.filter((o) => o === kind).length;
  expect(count('valid')).toBeGreaterThan(0);
  expect(count('invalid')).toBeGreaterThan(outcomes.length / 2);
}

describe('compiled validators: bodies', () => {
  for (const [name, { type, samples, count = 400, mixed }] of Object.entries(BODY_CASES)) {
    it(`${name}: compiled, and the same answers as class-validator`, () => {
      expect(unsupportedReason(type)).toBeUndefined();
      const outcomes: string[] = [];
      for (const input of inputs(samples, count, name.length * 7919, BODY_VALUES, keysOf(type))) {
        if (input === null || typeof input !== 'object' || Array.isArray(input)) continue;
        outcomes.push(check(type, input, false));
      }
      expectMix(outcomes);
      // the samples really are valid: the generator starts from the right shapes
      if (!mixed) for (const sample of samples) expect('value' in toDto(type, sample)).toBe(true);
    });
  }
});

describe('compiled validators: query strings', () => {
  for (const [name, { type, samples, count = 400 }] of Object.entries(QUERY_CASES)) {
    it(`${name}: compiled, and the same answers as class-validator`, () => {
      expect(unsupportedReason(type, true)).toBeUndefined();
      const outcomes: string[] = [];
      for (const input of inputs(samples, count, name.length * 104729, QUERY_VALUES, keysOf(type))) {
        if (input === null || typeof input !== 'object' || Array.isArray(input)) continue;
        // what the runtime hands toDto: node:querystring's null-prototype object of strings
        const query = parse(stringify(input as Record<string, string | string[]>));
        outcomes.push(check(type, query, true));
      }
      expectMix(outcomes);
      for (const sample of samples)
        expect('value' in toDto(type, parse(stringify(sample as Record<string, string>)), { fromQuery: true })).toBe(true);
    });
  }
});

describe('compiled validators: query DTOs given objects', () => {
  for (const [name, { type, samples, count = 400 }] of Object.entries(NESTED_QUERY_CASES)) {
    it(`${name}: compiled, and the same answers as class-validator`, () => {
      expect(unsupportedReason(type, true)).toBeUndefined();
      const outcomes: string[] = [];
      for (const input of inputs(samples, count, name.length * 7907, [...QUERY_VALUES, ...BODY_VALUES], keysOf(type))) {
        if (input === null || typeof input !== 'object' || Array.isArray(input)) continue;
        outcomes.push(check(type, input, true));
      }
      expectMix(outcomes);
    });
  }
});

describe('compiled validators: what they leave to class-validator', () => {
  for (const [name, [type, samples, fromQuery = false]] of Object.entries(UNSUPPORTED)) {
    it(`${name} is not compiled, and toDto still answers as class-validator does`, () => {
      expect(unsupportedReason(type, fromQuery)).toBeDefined();
      for (const input of samples) {
        const value = fromQuery ? parse(stringify(input as Record<string, string>)) : input;
        expect(compiledToDto(type, value as object, fromQuery)).toBeUndefined();
        expect(normal(toDto(type, value, { fromQuery }))).toStrictEqual(
          normal(toDtoWithClassValidator(type, value, { fromQuery })),
        );
      }
    });
  }

  it('inputs that are not JSON-shaped take the class-validator path, with the same answer', () => {
    class Holder {
      constructor(public memberId: unknown) {}
    }
    const odd: object[] = [
      { memberId: 'm', items: [{ sku: 'a', quantity: new Date(0) }] },
      { memberId: 'm', items: new Set([{ sku: 'a', quantity: 1 }]) },
      { memberId: 'm', items: dtos.holeAt(0, [{}, { sku: 'a', quantity: 1 }]) },
      { memberId: 'm', items: [new Holder('x')] },
      { memberId: new String('m'), items: [{ sku: 'a', quantity: 1 }] },
      new Holder('m'),
      new Map([['memberId', 'm']]),
    ];
    for (const input of odd) {
      expect(compiledToDto(fixtures.CreateOrderBody, input, false)).toBeUndefined();
      expect(normal(toDto(fixtures.CreateOrderBody, input))).toStrictEqual(
        normal(toDtoWithClassValidator(fixtures.CreateOrderBody, input)),
      );
    }
  });
});

describe('compiled validators: answers worth seeing', () => {
  it('names nested fields, unknown properties and bad elements as the API promises', () => {
    const result = toDto(bench.CreateOrderBody, {
      memberId: 'm',
      storeId: 's'.repeat(33),
      items: [{ sku: 'a', quantity: 1.5, unitPriceCents: '1299', discount: 1 }, 'sku-2', null],
      coupon: 'FREE',
    });
    expect(result).toStrictEqual({
      problems: [
        { field: 'coupon', messages: ['property coupon should not exist'] },
        { field: 'storeId', messages: ['storeId must be shorter than or equal to 32 characters'] },
        { field: 'items[0].discount', messages: ['property items[0].discount should not exist'] },
        { field: 'items[0].quantity', messages: ['items[0].quantity must be an integer number'] },
        {
          field: 'items[0].unitPriceCents',
          messages: [
            'items[0].unitPriceCents must not be greater than 10000000',
            'items[0].unitPriceCents must not be less than 0',
            'items[0].unitPriceCents must be an integer number',
          ],
        },
        { field: 'items[1]', messages: ['each value in nested property items must be either object or array'] },
        { field: 'items[2]', messages: ['each value in nested property items must be either object or array'] },
      ],
    });
  });

  it("calls class-validator's exported functions for built-ins, and a constraint's own validate otherwise", () => {
    expect(describeCompiled(bench.CreateOrderBody)).toStrictEqual({
      memberId: ['isLength', 'isString'],
      storeId: ['isLength', 'isString'],
      items: ['arrayMaxSize', 'arrayMinSize', 'isArray'],
    });
    expect(describeCompiled(dtos.Custom)).toMatchObject({
      even: ['evenNumber (own validate)'],
      shout: ['isShout (own validate)'],
      fake: ['isInt (own validate)'], // a custom decorator under a built-in's name
    });
    expect(describeCompiled(dtos.Custom).slow).toStrictEqual([]); // async: validateSync skips it
  });

  it('refuses Object.prototype names as keys by name, where class-transformer would throw or drop them', () => {
    const input = { memberId: 'm', items: [{ sku: 'a', quantity: 1 }], extra: { constructor: 'x' } };
    const expected = { problems: [{ field: 'extra.constructor', messages: ['property extra.constructor should not exist'] }] };
    expect(toDtoWithClassValidator(fixtures.CreateOrderBody, input)).toStrictEqual(expected);
    expect(toDto(fixtures.CreateOrderBody, input)).toStrictEqual(expected);
  });

  it('gives real instances with their defaults', () => {
    const query = toDto(fixtures.ListQuery, parse('cursor=c'), { fromQuery: true });
    expect(query).toStrictEqual({ value: Object.assign(new fixtures.ListQuery(), { limit: 20, cursor: 'c' }) });
    const order = toDto(bench.CreateOrderBody, ORDER);
    if (!('value' in order)) throw new Error('refused');
    expect(order.value).toBeInstanceOf(bench.CreateOrderBody);
    expect(order.value.items[0]).toBeInstanceOf(bench.OrderLine);
  });

  it('departs from class-transformer on query booleans, on both paths: "false" is false, "maybe" is refused', () => {
    // class-transformer's implicit conversion is Boolean(value): 'false' would be true. Both paths
    // read exactly 'true'/'false' instead (query-booleans.test.ts has the rest).
    for (const run of [toDto, toDtoWithClassValidator]) {
      expect(run(dtos.SearchQuery, parse('open=false'), { fromQuery: true })).toMatchObject({ value: { open: false } });
      expect(run(dtos.SearchQuery, parse('open=maybe'), { fromQuery: true })).toStrictEqual({
        problems: [{ field: 'open', messages: ['open must be a boolean value'] }],
      });
    }
  });

  it('reads query numbers as class-transformer does ("1e3" is 1000, "12abc" is NaN)', () => {
    expect(toDto(dtos.SearchQuery, parse('limit=1e1&near=1e3'), { fromQuery: true })).toMatchObject({
      value: { limit: 10, near: 1000 },
    });
    expect(toDto(dtos.SearchQuery, parse('limit=12abc'), { fromQuery: true })).toStrictEqual({
      problems: [
        {
          field: 'limit',
          messages: ['limit must not be greater than 100', 'limit must not be less than 1', 'limit must be an integer number'],
        },
      ],
    });
  });
});
