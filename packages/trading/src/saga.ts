import type { ShardTake } from '@retail/tablestore';

/**
 * What an order holds, as written in its deadline row before it holds it: enough to undo every
 * step of a creation that died halfway, and to finish a finished order's follow-ups.
 */
export interface Saga {
  readonly kind: 'regular' | 'flash';
  readonly memberId: string;
  readonly storeId: string;
  readonly lines: ReadonlyArray<{ readonly sku: string; readonly quantity: number }>;
  readonly couponId?: string | undefined;
  readonly saleId?: string | undefined;
  /** Flash orders: the shards their units were taken from. */
  readonly takes?: readonly ShardTake[] | undefined;
}

export function encodeSaga(saga: Saga): string {
  return JSON.stringify(saga);
}

export function decodeSaga(text: string): Saga {
  return JSON.parse(text) as Saga;
}
