const SKU = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/**
 * Whether a value is a sku: a letter or digit, then up to 63 letters, digits, `_` or `-`.
 *
 * @example
 * isSku('COLA-330ML') // true
 */
export function isSku(value: unknown): value is string {
  return typeof value === 'string' && SKU.test(value);
}
