/**
 * A number to be stored as a Tablestore DOUBLE. JavaScript cannot tell `1.0` from `1`, so a plain
 * number is written as an Int64 unless the column is declared `'double'` in the table definition
 * or the value is wrapped with {@link double}.
 */
export class Double {
  readonly kind = 'double' as const;
  constructor(readonly value: number) {}
}

/**
 * Marks a number as a DOUBLE for one write or condition.
 *
 * @example
 * await putRow(client, products, { sku: 'a', price: double(10) }); // DOUBLE 10.0, not Int64 10
 */
export function double(value: number): Double {
  return new Double(value);
}
