// What the checks read straight from the functions' tables (faults off by then), through the same
// table definitions the domain libraries write with.
import { bindCouponsTables } from '@retail/coupons';
import { bindMemberTables, shardOf } from '@retail/member';
import { bindStoresTables } from '@retail/stores';
import { INF_MAX, INF_MIN, type Row, type TablestoreClient } from '@retail/tablestore';
import { bindTradingTables } from '@retail/trading';

/** An order row as the checks need it. */
export interface StoredOrder {
  id: string;
  memberId: string;
  storeId: string;
  kind: string;
  saleId: string | undefined;
  items: Array<{ sku: string; quantity: number }>;
  couponId: string | undefined;
  total: number;
  status: string;
  paymentRef: string | undefined;
  released: boolean;
  settled: boolean;
}

/** Everything of one phase the invariants are about, read at once after recovery. */
export interface Snapshot {
  inventory: Record<string, { available: number; held: number; sold: number; flashAllotted: number; markers: number }>;
  /** Orders of the phase's store, abandoned creations (tombstones) included. */
  orders: StoredOrder[];
  /** Order ids that still have a deadline row (work left for the expiry job). */
  deadlines: Set<string>;
  coupons: Array<{ id: string; memberId: string; status: string; lockedBy: string | undefined; usedBy: string | undefined }>;
  campaignShards: Array<{ remaining: number; holds: number }>;
  sale: { state: string; quantity: number };
  saleShards: Array<{ remaining: number; holds: number }>;
  saleBuyers: Record<string, number>;
  members: Record<
    string,
    { points: number; entries: Array<{ delta: number; balance: number; reason: string; id: string; ref: string | undefined }> }
  >;
}

const num = (value: unknown) => Number(value ?? 0);
const str = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
/** Hold markers (decision 0007) still on a row: `h_<holdId>` columns. */
const markersOf = (row: Row) => Object.keys(row).filter((column) => column.startsWith('h_')).length;

/**
 * Reads a phase's rows: inventory, every order of its store, deadlines, its campaign's coupons and
 * shards, its flash sale, shards and buyers, and each member's row and ledger.
 *
 * @example
 * const snapshot = await readSnapshot(platform.storage, fixtures);
 */
export async function readSnapshot(
  client: TablestoreClient,
  phase: { storeId: string; skus: readonly string[]; campaignId: string; saleId: string; memberIds: readonly string[] },
): Promise<Snapshot> {
  const stores = bindStoresTables(client);
  const trading = bindTradingTables(client);
  const coupons = bindCouponsTables(client);
  const members = bindMemberTables(client);
  const inventory: Snapshot['inventory'] = {};
  for (const sku of phase.skus) {
    const row = (await stores.inventory.get({ storeId: phase.storeId, sku })) ?? {};
    inventory[sku] = {
      available: num(row.available),
      held: num(row.held),
      sold: num(row.sold),
      flashAllotted: num(row.flashAllotted),
      markers: markersOf(row),
    };
  }
  const orders: StoredOrder[] = [];
  for await (const row of trading.orders.scan({ filter: { column: 'storeId', op: '=', value: phase.storeId } })) {
    orders.push({
      id: String(row.orderId),
      memberId: String(row.memberId),
      storeId: String(row.storeId),
      kind: String(row.kind),
      saleId: str(row.saleId),
      items: row.items ? (JSON.parse(String(row.items)) as StoredOrder['items']) : [],
      couponId: str(row.couponId),
      total: num(row.total),
      status: String(row.status),
      paymentRef: str(row.paymentRef),
      released: row.released === true,
      settled: row.settled === true,
    });
  }
  const deadlines = new Set<string>();
  for await (const row of trading.deadlines.scan({ columns: ['saga'] })) deadlines.add(String(row.orderId));
  const couponRows: Snapshot['coupons'] = [];
  for await (const row of coupons.coupons.scan({ filter: { column: 'campaignId', op: '=', value: phase.campaignId } })) {
    couponRows.push({
      id: String(row.couponId),
      memberId: String(row.memberId ?? ''),
      status: String(row.status),
      lockedBy: str(row.lockedBy),
      usedBy: str(row.usedBy),
    });
  }
  const counterRows = async (scan: AsyncGenerator<Row>) => {
    const rows: Array<{ remaining: number; holds: number }> = [];
    for await (const row of scan) rows.push({ remaining: num(row.remaining), holds: markersOf(row) });
    return rows;
  };
  const campaignShards = await counterRows(
    coupons.shards.scan({
      start: { campaignId: phase.campaignId, shard: INF_MIN },
      end: { campaignId: phase.campaignId, shard: INF_MAX },
    }),
  );
  const saleRow = (await trading.sales.get({ saleId: phase.saleId })) ?? {};
  const saleShards = await counterRows(
    trading.saleShards.scan({ start: { saleId: phase.saleId, shard: INF_MIN }, end: { saleId: phase.saleId, shard: INF_MAX } }),
  );
  const saleBuyers: Record<string, number> = {};
  for await (const row of trading.saleBuyers.scan({
    start: { saleId: phase.saleId, memberId: INF_MIN },
    end: { saleId: phase.saleId, memberId: INF_MAX },
  }))
    saleBuyers[String(row.memberId)] = num(row.bought);
  const memberState: Snapshot['members'] = {};
  for (const memberId of phase.memberIds) {
    const key = { shard: shardOf(memberId), memberId };
    const row = await members.members.get(key, {
      columns: ['points', 'seq', 'lastEntryId', 'lastDelta', 'lastReason', 'lastRef'],
    });
    const entries: Snapshot['members'][string]['entries'] = [];
    let newestSeq = 0;
    for await (const entry of members.points.scan({ start: { ...key, seq: INF_MIN }, end: { ...key, seq: INF_MAX } })) {
      newestSeq = num(entry.seq);
      entries.push({
        delta: num(entry.delta),
        balance: num(entry.balance),
        reason: String(entry.reason),
        id: String(entry.entryId),
        ref: str(entry.ref),
      });
    }
    // Decision 0004: the newest entry lives in the member row until the member's next touch writes
    // its ledger rows (a failed ledger write does not fail the change). It is part of the ledger.
    if (row && num(row.seq) > newestSeq) {
      entries.push({
        delta: num(row.lastDelta),
        balance: num(row.points),
        reason: String(row.lastReason),
        id: String(row.lastEntryId),
        ref: str(row.lastRef),
      });
    }
    memberState[memberId] = { points: num(row?.points), entries };
  }
  return {
    inventory,
    orders,
    deadlines,
    coupons: couponRows,
    campaignShards,
    sale: { state: String(saleRow.state), quantity: num(saleRow.quantity) },
    saleShards,
    saleBuyers,
    members: memberState,
  };
}
