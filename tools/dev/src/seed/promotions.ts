import type { CouponService } from '@retail/coupons';
import type { TradingService } from '@retail/trading';

const DAY = 24 * 3_600_000;
const HOUR = 3_600_000;

/**
 * A running coupon campaign (100 yuan spent, 20 off) and a flash sale of televisions that starts
 * an hour after seeding at the flagship hypermarket.
 */
export async function seedPromotions(
  coupons: CouponService,
  trading: TradingService,
  flagshipStoreId: string,
  now: number,
): Promise<{ campaignId: string; flashSaleId: string }> {
  const campaign = await coupons.createCampaign({
    name: 'Double 11: 20 off 100',
    kind: 'amount-off',
    value: 2000,
    minSpend: 10_000,
    total: 10_000,
    perMemberLimit: 2,
    startsAt: new Date(now - HOUR).toISOString(),
    endsAt: new Date(now + 30 * DAY).toISOString(),
  });
  const sale = await trading.createFlashSale({
    storeId: flagshipStoreId,
    sku: 'tv-55',
    price: 199_900,
    quantity: 50,
    perMemberLimit: 1,
    startsAt: new Date(now + HOUR).toISOString(),
    endsAt: new Date(now + 3 * HOUR).toISOString(),
  });
  return { campaignId: campaign.id, flashSaleId: sale.id };
}
