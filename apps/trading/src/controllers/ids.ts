import { isId, NotFoundError } from '@retail/core';

const KINDS = { ord: 'order', fls: 'flash sale', mem: 'member', sto: 'store', cpn: 'coupon' } as const;

/**
 * The id when it has the shape of its kind's ids; otherwise it names nothing that exists: the same
 * 404 as an unknown id, answered before any storage call (in a path or in a body alike).
 *
 * @example
 * this.trading.get(knownId('ord', id));
 */
export function knownId(prefix: keyof typeof KINDS, id: string): string {
  if (!isId(prefix, id)) throw new NotFoundError(KINDS[prefix], id);
  return id;
}
