import { singular, spellings } from './names.js';

/** What `pnpm new-function <name> --prefix /<path>` takes (schema.json says the same for Nx). */
export interface FunctionGeneratorOptions {
  /** `pricing`: apps/pricing, packages/pricing, `scope:pricing`, the gateway's `pricing` upstream. */
  name: string;
  /** `/prices`: what the gateway routes to the function. */
  prefix: string;
  /** `price`: what the example use-cases keep. Default: the prefix's last segment, singular. */
  resource?: string;
  /** `price`: ids are `price_<ulid>`. Default: the resource's letters, at most 8. */
  idPrefix?: string;
  skipInstall?: boolean;
  skipFormat?: boolean;
}

/** Every name the templates use, derived once. */
export interface FunctionNames {
  /** The function: `gift-cards` / `GiftCards` / `giftCards`. */
  fn: ReturnType<typeof spellings>;
  /** One resource: `gift-card` / `GiftCard` / `giftCard`. */
  one: ReturnType<typeof spellings>;
  /** The collection, from the prefix's last segment: `gift-cards`. */
  many: ReturnType<typeof spellings>;
  prefix: string;
  idPrefix: string;
  /** The table's name: `<function>_<collection>`, or the collection alone when they are the same words. */
  table: string;
}

const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const PREFIX = /^(\/[a-z0-9][a-z0-9-]*)+$/;

/** Thrown for options the generator cannot use; the message says which and why. */
export class FunctionOptionsError extends Error {
  override readonly name = 'FunctionOptionsError';
}

/**
 * Checks the options and derives every name from them.
 *
 * @example
 * functionNames({ name: 'pricing', prefix: '/prices' }).one.pascal // 'Price'
 */
export function functionNames(options: FunctionGeneratorOptions): FunctionNames {
  if (!NAME.test(options.name))
    throw new FunctionOptionsError(`name '${options.name}' must be lower-case words joined by dashes.`);
  if (!PREFIX.test(options.prefix) || options.prefix.startsWith('/_'))
    throw new FunctionOptionsError(`--prefix '${options.prefix}' must be a path like /prices (lower-case segments).`);
  const last = options.prefix.split('/').at(-1) ?? options.name;
  const resource = options.resource ?? singular(last);
  if (!NAME.test(resource)) throw new FunctionOptionsError(`--resource '${resource}' must be lower-case words joined by dashes.`);
  const many = resource === last ? `${resource}-list` : last;
  const idPrefix = options.idPrefix ?? resource.replace(/[^a-z]/g, '').slice(0, 8);
  if (!/^[a-z]{2,8}$/.test(idPrefix))
    throw new FunctionOptionsError(`--id-prefix '${idPrefix}' must be 2 to 8 lower-case letters.`);
  const fn = spellings(options.name);
  const collection = spellings(many);
  return {
    fn,
    one: spellings(resource),
    many: collection,
    prefix: options.prefix,
    idPrefix,
    table: fn.snake === collection.snake ? collection.snake : `${fn.snake}_${collection.snake}`,
  };
}
