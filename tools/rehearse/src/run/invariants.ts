/**
 * API.md's invariants, checked from storage after a run (not from the answers: a request that got
 * 201 must be there, and nothing may be there that the counters did not allow).
 */
import { couponCampaignShardsTable, couponsTable } from '@retail/coupons';
import { inventoryTable } from '@retail/stores';
import { bindTable, type TablestoreClient } from '@retail/tablestore';
import { bindTradingTables } from '@retail/trading';

/** One invariant's verdict. */
export interface Invariant {
  name: string;
  ok: boolean;
  detail: string;
}

export interface InvariantInput {
  campaignId: string;
  couponTotal: number;
  flashSaleId: string;
  flashQuantity: number;
  /** Ids answered 201 during the run. */
  created: { coupons: string[]; flashOrders: string[] };
  /** Whether any buyer was told `sold-out`: then every unit must be sold. */
  soldOutAnswered: boolean;
}

const LIVE_ORDER = new Set(['pending-payment', 'paid']);

function missing(answered: readonly string[], stored: ReadonlySet<string>): string[] {
  return answered.filter((id) => !stored.has(id));
}

/**
 * Reads coupons, the campaign's and the sale's counters, the sale's orders and every inventory row.
 *
 * @example
 * const verdicts = await checkInvariants(client, { campaignId, couponTotal: 200, flashSaleId, flashQuantity: 100, created, soldOutAnswered: true });
 */
export async function checkInvariants(client: TablestoreClient, input: InvariantInput): Promise<Invariant[]> {
  const trading = bindTradingTables(client);
  const coupons = new Set<string>();
  for await (const row of bindTable(client, couponsTable).scan())
    if (row.campaignId === input.campaignId && row.status !== 'void') coupons.add(String(row.couponId));
  const couponShards: number[] = [];
  for await (const row of bindTable(client, couponCampaignShardsTable).scan({
    start: { campaignId: input.campaignId },
    end: { campaignId: input.campaignId },
  }))
    couponShards.push(Number(row.remaining));
  const couponsLeft = couponShards.reduce((a, b) => a + b, 0);

  const flashOrders = new Set<string>();
  let unitsSold = 0;
  for await (const row of trading.orders.scan()) {
    if (row.saleId !== input.flashSaleId || !LIVE_ORDER.has(String(row.status))) continue;
    flashOrders.add(String(row.orderId));
    for (const item of JSON.parse(String(row.items)) as Array<{ quantity: number }>) unitsSold += item.quantity;
  }
  const saleShards: number[] = [];
  // Units a purchase took but whose order is not there: it died between its steps (an instance
  // killed at its timeout); the sale's sweep gives them back (decision 0009). Markers: `h_<orderId>` = `at|units:buyer`.
  let unitsInLimbo = 0;
  for await (const row of trading.saleShards.scan({
    start: { saleId: input.flashSaleId },
    end: { saleId: input.flashSaleId },
  })) {
    saleShards.push(Number(row.remaining));
    for (const [column, value] of Object.entries(row)) {
      if (!column.startsWith('h_') || flashOrders.has(column.slice(2))) continue;
      unitsInLimbo += Number(String(value).split('|')[1]?.split(':')[0] ?? 0);
    }
  }
  const unitsLeft = saleShards.reduce((a, b) => a + b, 0);

  let inventoryRows = 0;
  const negative: string[] = [];
  for await (const row of bindTable(client, inventoryTable).scan()) {
    inventoryRows++;
    for (const column of ['available', 'held', 'sold'] as const) {
      const value = row[column];
      if (value !== undefined && Number(value) < 0)
        negative.push(`${String(row.storeId)}/${String(row.sku)} ${column}=${String(value)}`);
    }
  }
  for (const [name, shards] of [
    ['coupon shard', couponShards],
    ['flash-sale shard', saleShards],
  ] as const)
    shards.forEach((left, i) => left < 0 && negative.push(`${name} ${i} remaining=${left}`));

  const lostCoupons = missing(input.created.coupons, coupons);
  const lostOrders = missing(input.created.flashOrders, flashOrders);
  const allSold = unitsSold === input.flashQuantity;
  return [
    {
      name: 'coupons issued never above the total',
      ok: coupons.size <= input.couponTotal && coupons.size + couponsLeft <= input.couponTotal,
      detail: `${coupons.size} issued of ${input.couponTotal}, ${couponsLeft} left on the counter`,
    },
    {
      name: 'every claim answered 201 is a coupon in storage',
      ok: lostCoupons.length === 0,
      detail: `${input.created.coupons.length} answered 201, ${lostCoupons.length} missing${lostCoupons.length ? `: ${lostCoupons.slice(0, 5).join(', ')}` : ''}`,
    },
    {
      name: 'flash-sale units never oversold, every unit accounted for',
      ok: unitsSold <= input.flashQuantity && unitsSold + unitsInLimbo + unitsLeft === input.flashQuantity,
      detail: `${unitsSold} sold + ${unitsInLimbo} held by purchases that died mid-way + ${unitsLeft} left = ${unitsSold + unitsInLimbo + unitsLeft} of ${input.flashQuantity}`,
    },
    {
      name: 'flash-sale units sold exactly the stock',
      ok: input.soldOutAnswered ? allSold : unitsSold + unitsLeft === input.flashQuantity,
      detail: `${unitsSold} sold of ${input.flashQuantity}${
        input.soldOutAnswered ? ', buyers were told sold-out' : ', demand stayed below the stock'
      }${unitsInLimbo ? `; ${unitsInLimbo} units wait in purchases that died mid-way until the sale's sweep returns them` : ''}`,
    },
    {
      name: 'every flash-sale purchase answered 201 is an order in storage',
      ok: lostOrders.length === 0,
      detail: `${input.created.flashOrders.length} answered 201, ${lostOrders.length} missing${lostOrders.length ? `: ${lostOrders.slice(0, 5).join(', ')}` : ''}`,
    },
    {
      name: 'no stock below zero',
      ok: negative.length === 0,
      detail: `${inventoryRows} inventory rows and ${couponShards.length + saleShards.length} counter shards read${negative.length ? `; below zero: ${negative.slice(0, 5).join(', ')}` : ''}`,
    },
  ];
}
