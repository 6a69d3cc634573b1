import type { Coupon, CouponPage, CouponService } from '@retail/coupons';
import { QueryDto, Returns } from '@retail/runtime';
import { GET, Path, PathParam } from 'typescript-rest';
import { CouponsQuery } from '../dto/coupon-queries.js';
import { CouponPageResponse, CouponResponse } from '../dto/coupon-responses.js';

@Path('/coupons')
export class CouponsController {
  constructor(private readonly coupons: CouponService) {}

  @GET
  @Returns(200, CouponPageResponse, { description: "The member's coupons, newest first, optionally of one status." })
  list(@QueryDto() query: CouponsQuery): Promise<CouponPage> {
    return this.coupons.list(query);
  }

  @GET
  @Path(':id')
  @Returns(200, CouponResponse, { description: 'The coupon with its status now.' })
  get(@PathParam('id') id: string): Promise<Coupon> {
    return this.coupons.get(id);
  }
}
