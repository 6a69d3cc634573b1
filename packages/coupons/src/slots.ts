import { ConditionFailedError, type Row } from '@retail/tablestore';
import { isAmbiguous } from './deps.js';
import type { CampaignRecord } from './records.js';
import type { CouponsTables } from './tables.js';

// The per-member limit: one claim row per member and slot (1..perMemberLimit), each taken with
// EXPECT_NOT_EXIST. A slot names the coupon id of the claim that took it, and every change to a
// slot afterwards is conditional on that id, so a slot is only ever freed by or for its own claim.

export interface ClaimSlot {
  readonly campaignId: string;
  readonly memberId: string;
  readonly slot: number;
  readonly couponId: string;
  readonly state: 'pending' | 'issued';
  readonly at: number;
}

/** The member's slots of a campaign, by slot number. */
export async function readSlots(tables: CouponsTables, campaignId: string, memberId: string): Promise<ClaimSlot[]> {
  const slots: ClaimSlot[] = [];
  for await (const row of tables.claims.scan({ start: { campaignId, memberId }, end: { campaignId, memberId } }))
    slots.push(parseSlot(row));
  return slots;
}

/**
 * Takes the member's first free slot for `couponId` (state `pending`), or undefined when every
 * slot is taken. With a limit above 1 the member's slots are read first, so a claim costs one
 * put unless claims of the same member race for the same slot; a slot found naming `couponId`
 * already (an earlier attempt of the same request) is the claim's own.
 */
export async function takeSlot(
  tables: CouponsTables,
  campaign: CampaignRecord,
  memberId: string,
  couponId: string,
  at: number,
): Promise<number | undefined> {
  const slots = campaign.perMemberLimit === 1 ? [] : await readSlots(tables, campaign.id, memberId);
  const own = slots.find((s) => s.couponId === couponId);
  if (own) return own.slot;
  const taken = new Set(slots.map((s) => s.slot));
  for (let slot = 1; slot <= campaign.perMemberLimit; slot++) {
    if (taken.has(slot)) continue;
    if (await putSlot(tables, { campaignId: campaign.id, memberId, slot, couponId, state: 'pending', at })) return slot;
  }
  return undefined;
}

async function putSlot(tables: CouponsTables, slot: ClaimSlot): Promise<boolean> {
  const { campaignId, memberId, slot: n, couponId, state, at } = slot;
  try {
    await tables.claims.put({ campaignId, memberId, slot: n, couponId, state, at }, { condition: { row: 'not-exists' } });
    return true;
  } catch (error) {
    if (!(error instanceof ConditionFailedError) && !isAmbiguous(error)) throw error;
    const row = await tables.claims.get({ campaignId, memberId, slot: n }, { columns: ['couponId'] });
    if (row?.couponId === couponId) return true; // our put landed; its answer was lost
    if (error instanceof ConditionFailedError || row) return false;
    throw error;
  }
}

/** Frees a slot, if it still names this coupon id (a refused or abandoned claim). */
export async function freeSlot(tables: CouponsTables, slot: Omit<ClaimSlot, 'state' | 'at'>): Promise<void> {
  const { campaignId, memberId, slot: n, couponId } = slot;
  try {
    await tables.claims.delete(
      { campaignId, memberId, slot: n },
      { condition: { row: 'exists', columns: { column: 'couponId', op: '=', value: couponId } } },
    );
  } catch (error) {
    if (error instanceof ConditionFailedError) return; // freed already, or another claim's slot now
    if (!isAmbiguous(error)) throw error;
    const row = await tables.claims.get({ campaignId, memberId, slot: n }, { columns: ['couponId'] });
    if (row?.couponId === couponId) throw error;
  }
}

/** Marks a slot `issued` once its coupon is written, if it still names that coupon. */
export async function markSlotIssued(tables: CouponsTables, slot: Omit<ClaimSlot, 'state' | 'at'>): Promise<void> {
  const { campaignId, memberId, slot: n, couponId } = slot;
  try {
    await tables.claims.update(
      { campaignId, memberId, slot: n },
      { set: { state: 'issued' } },
      { condition: { row: 'exists', columns: { column: 'couponId', op: '=', value: couponId } } },
    );
  } catch (error) {
    if (error instanceof ConditionFailedError) return; // the slot went to a repair: the coupon stands regardless
    if (!isAmbiguous(error)) throw error;
    const row = await tables.claims.get({ campaignId, memberId, slot: n }, { columns: ['couponId', 'state'] });
    if (row?.couponId === couponId && row.state !== 'issued') throw error;
  }
}

function parseSlot(row: Row): ClaimSlot {
  const { campaignId, memberId, slot, couponId, state, at } = row;
  if (
    typeof campaignId !== 'string' ||
    typeof memberId !== 'string' ||
    typeof slot !== 'number' ||
    typeof couponId !== 'string' ||
    (state !== 'pending' && state !== 'issued') ||
    typeof at !== 'number'
  ) {
    throw new Error(`coupon storage: malformed claim slot of '${String(memberId)}' in '${String(campaignId)}'`);
  }
  return { campaignId, memberId, slot, couponId, state, at };
}
