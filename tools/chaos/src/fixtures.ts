import type { ChaosPlatform } from './platform.js';

/** What a phase sells and who buys: its own store, members, campaign and flash sale, so phases never mix. */
export interface Fixtures {
  readonly phase: number;
  readonly storeId: string;
  /** Regular skus, and units stocked of each (the flash sku included). */
  readonly skus: readonly string[];
  readonly stocked: Readonly<Record<string, number>>;
  readonly flashSku: string;
  readonly memberIds: readonly string[];
  /** Points given to each member at set-up (the first ledger entry). */
  readonly startingPoints: number;
  readonly campaignId: string;
  readonly campaignTotal: number;
  readonly perMemberCoupons: number;
  readonly saleId: string;
  readonly saleQuantity: number;
  readonly perMemberFlash: number;
  /** When the flash sale ends (epoch ms): the recovery returns its unsold units after it. */
  readonly saleEndsAt: number;
}

const STOCK = { 'rice-5kg': 200, 'milk-1l': 150, 'tv-55': 30 } as const;
const PRICES = { 'rice-5kg': 5990, 'milk-1l': 1290, 'tv-55': 299_900 } as const;
const MEMBERS = 12;

/**
 * Creates a phase's fixtures through the API as the admin and a shopper channel (no faults on):
 * a store stocked with three skus, {@link MEMBERS} members with starting points, a coupon campaign
 * with fewer coupons than the members want, and a flash sale of part of the TVs that ends
 * `saleSeconds` from now.
 *
 * @example
 * const fixtures = await createFixtures(platform, 1, 20);
 */
export async function createFixtures(platform: ChaosPlatform, phase: number, saleSeconds: number): Promise<Fixtures> {
  const { admin } = platform;
  const shopper = platform.shoppers[0]!;
  const store = await admin.stores.create({
    name: `Chaos store ${phase}`,
    format: 'convenience',
    city: 'Shanghai',
    address: `${phase} Chaos Road`,
    location: { lat: 31.2 + phase / 1000, lng: 121.4 },
    opensAt: '00:00',
    closesAt: '23:59',
  });
  for (const [sku, quantity] of Object.entries(STOCK))
    await admin.stores.setInventory(store.id, sku, { name: sku, price: PRICES[sku as keyof typeof PRICES], quantity });
  const memberIds: string[] = [];
  for (let i = 0; i < MEMBERS; i++) {
    const member = await shopper.members.register({
      phone: `1390${phase}${String(i).padStart(6, '0')}`,
      name: `Chaos ${phase}-${i}`,
    });
    await shopper.members.changePoints(
      member.id,
      { delta: 300, reason: 'chaos: starting points' },
      { idempotencyKey: `start-${member.id}` },
    );
    memberIds.push(member.id);
  }
  const now = Date.now();
  const campaign = await admin.couponCampaigns.create({
    name: `Chaos coupons ${phase}`,
    kind: 'amount-off',
    value: 500,
    minSpend: 0,
    total: 20,
    perMemberLimit: 2,
    startsAt: new Date(now - 60_000).toISOString(),
    endsAt: new Date(now + 3_600_000).toISOString(),
  });
  const saleEndsAt = now + saleSeconds * 1000;
  const sale = await admin.flashSales.create({
    storeId: store.id,
    sku: 'tv-55',
    price: 99_900,
    quantity: 12,
    perMemberLimit: 2,
    startsAt: new Date(now - 1000).toISOString(),
    endsAt: new Date(saleEndsAt).toISOString(),
  });
  return {
    phase,
    storeId: store.id,
    skus: Object.keys(STOCK),
    stocked: STOCK,
    flashSku: 'tv-55',
    memberIds,
    startingPoints: 300,
    campaignId: campaign.id,
    campaignTotal: campaign.total,
    perMemberCoupons: campaign.perMemberLimit,
    saleId: sale.id,
    saleQuantity: sale.quantity,
    perMemberFlash: sale.perMemberLimit,
    saleEndsAt,
  };
}
