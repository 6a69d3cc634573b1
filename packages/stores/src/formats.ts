/** The store formats of the contract, from the largest to the smallest. */
export const STORE_FORMATS = [
  'shopping-center',
  'hypermarket',
  'supermarket',
  'standard-supermarket',
  'boutique-supermarket',
  'convenience',
  'unattended',
] as const;

export type StoreFormat = (typeof STORE_FORMATS)[number];

/**
 * Whether a value is one of the seven store formats.
 *
 * @example
 * isStoreFormat('convenience') // true
 */
export function isStoreFormat(value: unknown): value is StoreFormat {
  return typeof value === 'string' && (STORE_FORMATS as readonly string[]).includes(value);
}
