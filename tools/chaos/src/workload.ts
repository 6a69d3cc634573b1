import type { Order, RetailClient } from '@retail/client';
import type { Fixtures } from './fixtures.js';
import { withRetries, type Tally } from './retry.js';

/** What the clients were told succeeded (a 2xx), to be found again after the phase. */
export interface Acknowledged {
  readonly coupons: Array<{ id: string; memberId: string }>;
  readonly orders: Map<string, { order: Order; paid: boolean; cancelled: boolean }>;
  /** Every points change sent (each with a reason of its own), and the entry id of those answered 200. */
  readonly points: Array<{ memberId: string; reason: string; delta: number; entryId: string | undefined }>;
}

export interface DriveOptions {
  seconds: number;
  /** Simulated shoppers, each sending one logical request after another. */
  users: number;
  seed: number;
}

/**
 * Shoppers claim coupons, place orders (some with a claimed coupon) and pay or cancel some of them,
 * buy from the flash sale and pay some, and change points, concurrently, each logical request
 * retried with its Idempotency-Key until it gets a final answer. Stops starting new ones after
 * `seconds`, and resolves when the last one ends.
 *
 * @example
 * const acknowledged = await drive(platform.shoppers, fixtures, tally, { seconds: 12, users: 8, seed: 1 });
 */
export async function drive(
  shoppers: readonly RetailClient[],
  fixtures: Fixtures,
  tally: Tally,
  options: DriveOptions,
): Promise<Acknowledged> {
  const ack: Acknowledged = { coupons: [], orders: new Map(), points: [] };
  const wallet = new Map<string, string[]>(); // coupons a member got and has not put on an order yet
  const random = mulberry32(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const stopAt = Date.now() + options.seconds * 1000;
  let serial = 0;
  const key = (what: string) => `${what}-${fixtures.phase}-${options.seed}-${++serial}`;

  async function settle(retail: RetailClient, order: Order): Promise<void> {
    const entry = { order, paid: false, cancelled: false };
    ack.orders.set(order.id, entry);
    const roll = random();
    if (roll < 0.55) {
      const paid = await withRetries(tally, () =>
        retail.orders.pay(
          order.id,
          { paymentRef: `pay-${order.id}`, amount: order.total },
          { idempotencyKey: `pay-${order.id}` },
        ),
      );
      entry.paid = paid.ok;
    } else if (roll < 0.75) {
      entry.cancelled = (await withRetries(tally, () => retail.orders.cancel(order.id))).ok;
    }
  }

  const actions: Record<string, (retail: RetailClient, memberId: string) => Promise<void>> = {
    claim: async (retail, memberId) => {
      const idempotencyKey = key('claim');
      const claimed = await withRetries(tally, () =>
        retail.couponCampaigns.claim(fixtures.campaignId, { memberId }, { idempotencyKey }),
      );
      if (!claimed.ok) return;
      ack.coupons.push({ id: claimed.value.id, memberId });
      wallet.set(memberId, [...(wallet.get(memberId) ?? []), claimed.value.id]);
    },
    order: async (retail, memberId) => {
      const skus = random() < 0.5 ? ['rice-5kg'] : ['rice-5kg', 'milk-1l'];
      const items = skus.map((sku) => ({ sku, quantity: 1 + Math.floor(random() * 3) }));
      const couponId = wallet.get(memberId)?.shift();
      const idempotencyKey = key('order');
      const input = { memberId, storeId: fixtures.storeId, items, ...(couponId ? { couponId } : {}) };
      const created = await withRetries(tally, () => retail.orders.create(input, { idempotencyKey }));
      if (created.ok) await settle(retail, created.value);
    },
    flash: async (retail, memberId) => {
      const idempotencyKey = key('flash');
      const bought = await withRetries(tally, () =>
        retail.flashSales.order(fixtures.saleId, { memberId, quantity: 1 }, { idempotencyKey }),
      );
      if (bought.ok) await settle(retail, bought.value);
    },
    points: async (retail, memberId) => {
      const delta = pick([40, 15, -25, -60]);
      const reason = key('points');
      const changed = await withRetries(tally, () =>
        retail.members.changePoints(memberId, { delta, reason }, { idempotencyKey: reason }),
      );
      ack.points.push({ memberId, reason, delta, entryId: changed.ok ? changed.value.entryId : undefined });
    },
  };
  const weighted = ['claim', 'claim', 'order', 'order', 'order', 'flash', 'flash', 'points', 'points'];

  const user = async (index: number) => {
    const retail = shoppers[index % shoppers.length]!;
    while (Date.now() < stopAt) await actions[pick(weighted)]!(retail, pick(fixtures.memberIds));
  };
  await Promise.all(Array.from({ length: options.users }, (_, index) => user(index)));
  return ack;
}

/** A small seeded generator (mulberry32): the same seed makes the same choices. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
