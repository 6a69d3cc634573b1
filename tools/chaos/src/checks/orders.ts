import type { Snapshot } from './storage.js';
import { check, type CheckResult } from './types.js';

/**
 * Orders (API.md, trading): every order is complete (paid, its follow-ups settled: stock sold,
 * coupon used, points paid once with ref `order:<id>`) or fully released (cancelled or expired,
 * every hold given back); an abandoned creation left no order; no work is left for the expiry job;
 * no unpaid order earned points.
 *
 * @example
 * const results = orderChecks(snapshot);
 */
export function orderChecks(snapshot: Snapshot): CheckResult[] {
  const real = snapshot.orders.filter((order) => order.status !== 'abandoned');
  const refs = new Map<string, number[]>();
  for (const { entries } of Object.values(snapshot.members))
    for (const entry of entries) if (entry.ref) refs.set(entry.ref, [...(refs.get(entry.ref) ?? []), entry.delta]);
  return [
    check(
      'orders: each paid and settled, or cancelled/expired and released',
      real.flatMap((order) => {
        if (order.status === 'paid') return order.settled ? [] : [`${order.id}: paid, not settled`];
        if (order.status === 'cancelled' || order.status === 'expired')
          return order.released ? [] : [`${order.id}: ${order.status}, not released`];
        return [`${order.id}: ${order.status}`];
      }),
    ),
    check(
      'orders: no deadline row left (the saga log is empty)',
      snapshot.orders.filter((order) => snapshot.deadlines.has(order.id)).map((order) => `${order.id} (${order.status})`),
    ),
    check(
      'orders: points paid exactly once per paid order, none for unpaid ones',
      snapshot.orders.flatMap((order) => {
        const paidPoints = refs.get(`order:${order.id}`) ?? [];
        const expected = order.status === 'paid' && order.total >= 100 ? [Math.floor(order.total / 100)] : [];
        return JSON.stringify(paidPoints) === JSON.stringify(expected)
          ? []
          : [`${order.id} (${order.status}, total ${order.total}): points ${JSON.stringify(paidPoints)}`];
      }),
    ),
  ];
}
