import type { Campaign, Coupon, CouponService } from '@retail/coupons';
import { Idempotent, Refuses, RequestContext, Returns } from '@retail/runtime';
import { Context, GET, Path, PathParam, POST, Return } from 'typescript-rest';
import { ClaimBody, CreateCampaignBody } from '../dto/campaign-bodies.js';
import { CampaignResponse, CouponResponse } from '../dto/coupon-responses.js';
import { claimAttempt } from './attempt.js';

// Admin-only routes (creating campaigns) are enforced by the gateway, not here.
@Path('/coupon-campaigns')
export class CampaignsController {
  constructor(private readonly coupons: CouponService) {}

  @POST
  @Returns(201, CampaignResponse, { description: 'The new campaign, every coupon remaining.' })
  async create(body: CreateCampaignBody): Promise<Return.NewResource<Campaign>> {
    const campaign = await this.coupons.createCampaign(body);
    return new Return.NewResource(`/coupon-campaigns/${campaign.id}`, campaign);
  }

  @GET
  @Path(':id')
  @Returns(200, CampaignResponse, { description: 'The campaign with the coupons left right now.' })
  get(@PathParam('id') id: string): Promise<Campaign> {
    return this.coupons.getCampaign(id);
  }

  @POST
  @Path(':id/claims')
  @Idempotent()
  @Returns(201, CouponResponse, { description: 'The claimed coupon, available until the campaign ends.' })
  @Refuses(409, 'campaign-not-active', 'sold-out', 'limit-reached')
  @Refuses(503, 'claim-busy')
  async claim(@PathParam('id') id: string, body: ClaimBody, @Context ctx: RequestContext): Promise<Return.NewResource<Coupon>> {
    // With an Idempotency-Key the coupon id comes from the request: a retry after a lost answer
    // (a dead instance, a 503) answers or finishes the same claim, never a second one.
    const coupon = await this.coupons.claim(id, body.memberId, claimAttempt(ctx, id, body.memberId));
    return new Return.NewResource(`/coupons/${coupon.id}`, coupon);
  }
}
