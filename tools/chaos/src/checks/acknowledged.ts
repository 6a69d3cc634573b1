import type { RetailClient } from '@retail/client';
import type { Fixtures } from '../fixtures.js';
import { Tally, withRetries } from '../retry.js';
import type { Acknowledged } from '../workload.js';
import type { Snapshot } from './storage.js';
import { check, sum, type CheckResult } from './types.js';

/**
 * "A request that got 201/200 is never lost" (API.md): every coupon, order, payment, cancellation
 * and points change a client was told succeeded is in storage as it was told.
 *
 * @example
 * const results = acknowledgedChecks(acknowledged, snapshot);
 */
export function acknowledgedChecks(ack: Acknowledged, snapshot: Snapshot): CheckResult[] {
  const coupons = new Map(snapshot.coupons.map((coupon) => [coupon.id, coupon]));
  const orders = new Map(snapshot.orders.map((order) => [order.id, order]));
  const entries = new Set(Object.values(snapshot.members).flatMap(({ entries: all }) => all.map((entry) => entry.id)));
  return [
    check(
      'acknowledged: every coupon claimed (201) exists for its member',
      ack.coupons
        .filter(({ id, memberId }) => coupons.get(id)?.memberId !== memberId || coupons.get(id)?.status === 'void')
        .map(({ id }) => `${id}: ${coupons.get(id)?.status ?? 'missing'}`),
    ),
    check(
      'acknowledged: every order created (201) exists; paid (200) ones are paid, cancelled (200) ones cancelled',
      [...ack.orders.values()].flatMap(({ order, paid, cancelled }) => {
        const stored = orders.get(order.id);
        if (!stored || stored.status === 'abandoned') return [`${order.id}: ${stored?.status ?? 'missing'}`];
        if (paid && stored.status !== 'paid') return [`${order.id}: paid, now ${stored.status}`];
        if (cancelled && stored.status !== 'cancelled') return [`${order.id}: cancelled, now ${stored.status}`];
        return [];
      }),
    ),
    check(
      'acknowledged: every points change answered 200 is in the ledger',
      ack.points
        .filter((change) => change.entryId && !entries.has(change.entryId))
        .map((change) => `${change.reason}: ${change.entryId}`),
    ),
  ];
}

/** A read through the API, sent again after throttling or a 5xx like any client's. */
async function read<T>(send: () => Promise<T>): Promise<T> {
  const outcome = await withRetries(new Tally(), send);
  if (!outcome.ok) throw outcome.refusal ?? new Error('an API read got no answer within its budget');
  return outcome.value;
}

/**
 * The same facts through the API a channel sees: balances and ledgers, orders' statuses, the
 * campaign's and the sale's live `remaining`, inventory `available`.
 *
 * @example
 * const results = await apiChecks(platform.shoppers[0], fixtures, acknowledged, snapshot);
 */
export async function apiChecks(
  retail: RetailClient,
  fixtures: Fixtures,
  ack: Acknowledged,
  snapshot: Snapshot,
): Promise<CheckResult[]> {
  const ledgerProblems: string[] = [];
  for (const memberId of fixtures.memberIds) {
    const member = await read(() => retail.members.get(memberId));
    let ledger = 0;
    for (let cursor: string | undefined; ;) {
      const page = await read(() => retail.members.listPoints(memberId, { limit: 100, ...(cursor ? { cursor } : {}) }));
      ledger += sum(page.items, (entry) => entry.delta);
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    const stored = snapshot.members[memberId]?.points;
    if (member.points !== ledger || member.points !== stored)
      ledgerProblems.push(`${memberId}: API ${member.points}, ledger ${ledger}, storage ${stored}`);
  }
  const statusProblems: string[] = [];
  for (const { order } of ack.orders.values()) {
    const seen = await read(() => retail.orders.get(order.id));
    const stored = snapshot.orders.find((candidate) => candidate.id === order.id)?.status;
    if (seen.status !== stored) statusProblems.push(`${order.id}: API ${seen.status}, storage ${stored}`);
  }
  const campaign = await read(() => retail.couponCampaigns.get(fixtures.campaignId));
  const issued = snapshot.coupons.filter((coupon) => coupon.status !== 'void').length;
  const sale = await read(() => retail.flashSales.get(fixtures.saleId));
  const stockProblems: string[] = [];
  for (const sku of fixtures.skus) {
    const item = await read(() => retail.stores.getInventory(fixtures.storeId, sku));
    if (item.available !== snapshot.inventory[sku]?.available) stockProblems.push(`${sku}: API ${item.available}`);
  }
  return [
    check('API: each member’s points = its ledger’s sum = storage', ledgerProblems),
    check('API: each acknowledged order’s status = storage', statusProblems),
    check(
      'API: campaign remaining = total - issued, sale remaining = its shards, inventory available = storage',
      [
        campaign.remaining === fixtures.campaignTotal - issued
          ? []
          : [`campaign remaining ${campaign.remaining}, issued ${issued}`],
        sale.remaining === sum(snapshot.saleShards, (shard) => shard.remaining) ? [] : [`sale remaining ${sale.remaining}`],
        stockProblems,
      ].flat(),
    ),
  ];
}
