import type { Coupon, CouponPage, CouponService } from '@retail/coupons';
import { QueryDto } from '@retail/runtime';
import { GET, Path, PathParam } from 'typescript-rest';
import { CouponsQuery } from '../dto/coupon-queries.js';

@Path('/coupons')
export class CouponsController {
  constructor(private readonly coupons: CouponService) {}

  @GET
  list(@QueryDto() query: CouponsQuery): Promise<CouponPage> {
    return this.coupons.list(query);
  }

  @GET
  @Path(':id')
  get(@PathParam('id') id: string): Promise<Coupon> {
    return this.coupons.get(id);
  }
}
