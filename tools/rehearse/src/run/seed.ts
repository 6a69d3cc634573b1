/**
 * What the promotion needs beyond pnpm dev's demo chain, written straight to storage through the
 * domain libraries (not through the gateway: no function instance is warmed before the run): the
 * crowd's members, a coupon campaign that opens at the grab's second, and a flash sale with its own
 * stock that opens at the sale's second.
 */
import { systemClock } from '@retail/core';
import { CouponService } from '@retail/coupons';
import { MemberService } from '@retail/member';
import { bindStoresTables, inventoryTable, StockHolds, StoreService, storesTable } from '@retail/stores';
import { bindTable, type TablestoreClient } from '@retail/tablestore';
import { TradingService } from '@retail/trading';
import type { Targets } from '../load/index.js';

/** The promotions of a run: sizes, where, and when they open (epoch ms). */
export interface PromotionPlan {
  couponTotal: number;
  flashQuantity: number;
  /** The flagship store (pnpm dev's demo data) that runs the flash sale. */
  flashStoreId: string;
  grabAt: number;
  flashAt: number;
  /** The run's end; both promotions end an hour after it. */
  endsAt: number;
}

/** The flash sale's sku: stock of its own, so the invariant is about the sale alone. */
export const FLASH_SKU = 'd11-phone';
const HOUR = 3_600_000;
const CHANNELS = ['wechat', 'alipay', 'app', 'web', 'pos'];

async function inBatches(count: number, width: number, run: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < count) await run(next++);
    }),
  );
}

function services(client: TablestoreClient) {
  const clock = systemClock;
  const members = new MemberService({ client, clock });
  const stores = new StoreService({ client, clock });
  const coupons = new CouponService({ client, clock });
  const stock = new StockHolds(bindStoresTables(client).inventory, clock);
  return { members, stores, coupons, trading: new TradingService({ client, clock, members, coupons, stores, stock }) };
}

/**
 * Registers the crowd's members and finds the demo chain's stores, their common skus and places.
 *
 * @example
 * const crowd = await seedCrowd(client, 500);
 */
export async function seedCrowd(client: TablestoreClient, count: number): Promise<Omit<Targets, 'campaignId' | 'flashSaleId'>> {
  const { members } = services(client);
  const memberIds: string[] = [];
  const phones: string[] = [];
  await inBatches(count, 16, async (i) => {
    const phone = `139${String(i).padStart(8, '0')}`;
    const member = await members.register({ phone, name: `Shopper ${i}`, channel: CHANNELS[i % CHANNELS.length]! });
    memberIds.push(member.id);
    phones.push(phone);
  });
  const storeIds: string[] = [];
  const places: Targets['places'] = [];
  for await (const row of bindTable(client, storesTable).scan()) {
    storeIds.push(String(row.storeId));
    places.push({ lat: Number(row.lat), lng: Number(row.lng) });
  }
  // Skus every store carries: an order line never names one the store lacks.
  const carried = new Map<string, number>();
  for await (const row of bindTable(client, inventoryTable).scan())
    carried.set(String(row.sku), (carried.get(String(row.sku)) ?? 0) + 1);
  const skus = [...carried].filter(([, n]) => n === storeIds.length).map(([sku]) => sku);
  return { memberIds, phones, storeIds, skus, places };
}

/**
 * Creates the coupon campaign and the flash sale (with its own stock at the flagship store).
 *
 * @example
 * const { campaignId, flashSaleId } = await openPromotions(client, { couponTotal: 200, flashQuantity: 100, flashStoreId, grabAt, flashAt, endsAt });
 */
export async function openPromotions(
  client: TablestoreClient,
  plan: PromotionPlan,
): Promise<{ campaignId: string; flashSaleId: string }> {
  const { coupons, stores, trading } = services(client);
  const campaign = await coupons.createCampaign({
    name: 'Double 11 rehearsal: 10 off 50',
    kind: 'amount-off',
    value: 1000,
    minSpend: 5000,
    total: plan.couponTotal,
    perMemberLimit: 1,
    startsAt: new Date(plan.grabAt).toISOString(),
    endsAt: new Date(plan.endsAt + HOUR).toISOString(),
  });
  await stores.putInventory(plan.flashStoreId, FLASH_SKU, {
    name: 'Smartphone, Double 11 edition',
    price: 399_900,
    quantity: plan.flashQuantity,
  });
  const sale = await trading.createFlashSale({
    storeId: plan.flashStoreId,
    sku: FLASH_SKU,
    price: 199_900,
    quantity: plan.flashQuantity,
    perMemberLimit: 1,
    startsAt: new Date(plan.flashAt).toISOString(),
    endsAt: new Date(plan.endsAt + HOUR).toISOString(),
  });
  return { campaignId: campaign.id, flashSaleId: sale.id };
}
