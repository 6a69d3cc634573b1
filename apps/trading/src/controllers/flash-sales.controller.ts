import { Idempotent, Refuses, RequestContext, Returns } from '@retail/runtime';
import type { FlashSale, Order, TradingService } from '@retail/trading';
import { Context, GET, Path, PathParam, POST, Return } from 'typescript-rest';
import { CreateFlashSaleBody, FlashPurchaseBody } from '../dto/flash-sale-bodies.js';
import { FlashSaleResponse } from '../dto/flash-sale-responses.js';
import { OrderResponse } from '../dto/order-responses.js';
import { orderAttempt } from './attempt.js';
import { knownId } from './ids.js';

// Only the admin channel may create flash sales: the gateway enforces it, not this function.
@Path('/flash-sales')
export class FlashSalesController {
  constructor(private readonly trading: TradingService) {}

  @POST
  @Returns(201, FlashSaleResponse, { description: "The sale, its quantity set aside from the store's inventory." })
  @Refuses(409, 'out-of-stock')
  async create(body: CreateFlashSaleBody): Promise<Return.NewResource<FlashSale>> {
    const sale = await this.trading.createFlashSale({ ...body, storeId: knownId('sto', body.storeId) });
    return new Return.NewResource(`/flash-sales/${sale.id}`, sale);
  }

  @GET
  @Path(':id')
  @Returns(200, FlashSaleResponse, { description: 'The sale with its live remaining.' })
  get(@PathParam('id') id: string): Promise<FlashSale> {
    return this.trading.getFlashSale(knownId('fls', id));
  }

  @POST
  @Path(':id/orders')
  @Idempotent()
  @Returns(201, OrderResponse, { description: 'An order at the flash price, pending payment.' })
  @Refuses(409, 'sold-out', 'limit-reached', 'campaign-not-active')
  @Refuses(503, 'flash-sale-busy') // units remain but this buyer lost every race for them: nothing bought, retry
  async buy(
    @PathParam('id') id: string,
    body: FlashPurchaseBody,
    @Context ctx: RequestContext,
  ): Promise<Return.NewResource<Order>> {
    const memberId = knownId('mem', body.memberId);
    const order = await this.trading.buyFlashSale(
      knownId('fls', id),
      { memberId, quantity: body.quantity },
      orderAttempt(ctx, memberId),
    );
    return new Return.NewResource(`/orders/${order.id}`, order);
  }
}
