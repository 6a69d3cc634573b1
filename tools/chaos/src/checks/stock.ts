import type { Fixtures } from '../fixtures.js';
import type { Snapshot } from './storage.js';
import { check, sum, type CheckResult } from './types.js';

/**
 * Stock (API.md, invariants): on every sku `available + held + sold + flashAllotted` is what was
 * stocked, nothing is negative or still held once every order is final, `sold` is exactly the
 * units of paid orders; the flash sale sold at most its quantity and each member at most the
 * limit, and after its end every unsold unit is back in the store.
 *
 * @example
 * const results = stockChecks(fixtures, snapshot);
 */
export function stockChecks(fixtures: Fixtures, snapshot: Snapshot): CheckResult[] {
  const paid = snapshot.orders.filter((order) => order.status === 'paid');
  const skus = Object.entries(snapshot.inventory);
  const soldBy = (sku: string) =>
    sum(paid, (order) =>
      sum(
        order.items.filter((item) => item.sku === sku),
        (item) => item.quantity,
      ),
    );
  const flashPaid = paid.filter((order) => order.kind === 'flash');
  const flashUnits = (orders: typeof flashPaid) => sum(orders, (order) => order.items[0]?.quantity ?? 0);
  const members = new Set(flashPaid.map((order) => order.memberId));
  return [
    check(
      'stock: available + held + sold + flashAllotted = stocked, none below zero',
      skus.flatMap(([sku, row]) => {
        const total = row.available + row.held + row.sold + row.flashAllotted;
        const negative = Object.values(row).some((value) => value < 0);
        return total === fixtures.stocked[sku] && !negative
          ? []
          : [`${sku}: ${JSON.stringify(row)}, stocked ${fixtures.stocked[sku]}`];
      }),
    ),
    check(
      'stock: no unit held once every order is final',
      skus.filter(([, row]) => row.held !== 0).map(([sku, row]) => `${sku}: ${row.held} held`),
    ),
    check(
      'stock: sold = units of paid orders',
      skus
        .filter(([sku, row]) => row.sold !== soldBy(sku))
        .map(([sku, row]) => `${sku}: sold ${row.sold}, paid orders ${soldBy(sku)}`),
    ),
    check(
      'flash sale: units sold <= quantity',
      flashUnits(flashPaid) <= fixtures.saleQuantity ? [] : [`${flashUnits(flashPaid)} sold`],
    ),
    check(
      'flash sale: each member <= its limit, buyer counts = paid units',
      [...new Set([...members, ...Object.keys(snapshot.saleBuyers)])].flatMap((memberId) => {
        const units = flashUnits(flashPaid.filter((order) => order.memberId === memberId));
        const counted = snapshot.saleBuyers[memberId] ?? 0;
        return units <= fixtures.perMemberFlash && counted === units ? [] : [`${memberId}: paid ${units}, counted ${counted}`];
      }),
    ),
    check(
      'flash sale: ended, unsold units back in the store, no open hold',
      [
        snapshot.sale.state === 'ended' ? [] : [`sale state ${snapshot.sale.state}`],
        snapshot.inventory[fixtures.flashSku]?.flashAllotted === 0 ? [] : ['flashAllotted left on the inventory row'],
        snapshot.saleShards.some((shard) => shard.remaining !== 0 || shard.holds !== 0) ? ['units or holds left on shards'] : [],
      ].flat(),
    ),
  ];
}
