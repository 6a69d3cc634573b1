import type { Campaign, Coupon, CouponService } from '@retail/coupons';
import { Idempotent } from '@retail/runtime';
import { GET, Path, PathParam, POST, Return } from 'typescript-rest';
import { ClaimBody, CreateCampaignBody } from '../dto/campaign-bodies.js';

// Admin-only routes (creating campaigns) are enforced by the gateway, not here.
@Path('/coupon-campaigns')
export class CampaignsController {
  constructor(private readonly coupons: CouponService) {}

  @POST
  async create(body: CreateCampaignBody): Promise<Return.NewResource<Campaign>> {
    const campaign = await this.coupons.createCampaign(body);
    return new Return.NewResource(`/coupon-campaigns/${campaign.id}`, campaign);
  }

  @GET
  @Path(':id')
  get(@PathParam('id') id: string): Promise<Campaign> {
    return this.coupons.getCampaign(id);
  }

  @POST
  @Path(':id/claims')
  @Idempotent()
  async claim(@PathParam('id') id: string, body: ClaimBody): Promise<Return.NewResource<Coupon>> {
    const coupon = await this.coupons.claim(id, body.memberId);
    return new Return.NewResource(`/coupons/${coupon.id}`, coupon);
  }
}
