import { systemClock, type Clock } from '@retail/core';
import { CouponService } from '@retail/coupons';
import { MemberService } from '@retail/member';
import { bindStoresTables, StockHolds, StoreService } from '@retail/stores';
import { bindTable, defineTable, type TablestoreClient } from '@retail/tablestore';
import { TradingService } from '@retail/trading';
import { seedMembers } from './members.js';
import { seedPromotions } from './promotions.js';
import { seedStores } from './stores.js';

export { DEMO_MEMBERS } from './members.js';

/** Which parts of the demo data a data directory has, and the ids worth showing: dev only. */
export const devSeedTable = defineTable({
  name: 'dev_seed',
  primaryKey: [{ name: 'part', type: 'string' }],
  columns: { summary: 'string' },
});

/** The ids a developer wants for the example calls. */
export interface DemoIds {
  memberId?: string;
  storeId?: string;
  campaignId?: string;
  flashSaleId?: string;
}

export interface SeedResult {
  /** Whether anything was seeded by this call. */
  seeded: boolean;
  ids: DemoIds;
}

/**
 * Seeds each part of the demo data once (members; the chain of stores with their shelves; a
 * running coupon campaign and an upcoming flash sale): a part already in the data directory is
 * left as it is, so restarts keep what a developer changed.
 */
export async function seedDemoData(client: TablestoreClient, clock: Clock = systemClock): Promise<SeedResult> {
  const marks = bindTable(client, devSeedTable);
  const members = new MemberService({ client, clock });
  const stores = new StoreService({ client, clock });
  const coupons = new CouponService({ client, clock });
  const trading = new TradingService({
    client,
    clock,
    members,
    coupons,
    stores,
    stock: new StockHolds(bindStoresTables(client).inventory, clock),
  });
  let seeded = false;
  const part = async <T extends DemoIds>(name: string, run: () => Promise<T>): Promise<DemoIds> => {
    const row = await marks.get({ part: name });
    if (row) return JSON.parse(String(row.summary)) as DemoIds;
    const ids = await run();
    await marks.put({ part: name, summary: JSON.stringify(ids) });
    seeded = true;
    return ids;
  };
  const member = await part('members', async () => ({ memberId: (await seedMembers(members)).firstMemberId }));
  const chain = await part('stores', async () => ({ storeId: (await seedStores(stores)).flagshipStoreId }));
  const promotions = chain.storeId
    ? await part('promotions', () => seedPromotions(coupons, trading, chain.storeId as string, clock.now()))
    : {};
  return { seeded, ids: { ...member, ...chain, ...promotions } };
}
