import { ValidationError } from '@retail/core';
import type { MemberService } from '@retail/member';
import { Idempotent, QueryDto, Refuses, RequestContext, Returns } from '@retail/runtime';
import type { Order, OrdersPage, TradingService } from '@retail/trading';
import { Context, GET, Path, PathParam, POST, Return } from 'typescript-rest';
import { CreateOrderBody, PaymentBody } from '../dto/order-bodies.js';
import { ListOrdersQuery } from '../dto/order-queries.js';
import { OrderResponse, OrdersPageResponse } from '../dto/order-responses.js';
import { orderAttempt } from './attempt.js';
import { knownId } from './ids.js';

@Path('/orders')
export class OrdersController {
  constructor(
    private readonly trading: TradingService,
    private readonly members: Pick<MemberService, 'get'>,
  ) {}

  @POST
  @Idempotent()
  @Returns(201, OrderResponse, { description: 'The order, pending payment: every line reserved, the coupon locked.' })
  @Refuses(409, 'out-of-stock', 'coupon-not-applicable')
  async create(body: CreateOrderBody, @Context ctx: RequestContext): Promise<Return.NewResource<Order>> {
    const memberId = knownId('mem', body.memberId);
    const order = await this.trading.createOrder(
      {
        memberId,
        storeId: knownId('sto', body.storeId),
        items: body.items.map(({ sku, quantity }) => ({ sku, quantity })),
        couponId: body.couponId === undefined ? undefined : knownId('cpn', body.couponId),
      },
      orderAttempt(ctx, memberId),
    );
    return new Return.NewResource(`/orders/${order.id}`, order);
  }

  @GET
  @Returns(200, OrdersPageResponse, { description: "The member's orders, newest first." })
  async list(@QueryDto() query: ListOrdersQuery): Promise<OrdersPage> {
    // The list alone cannot tell a member with no orders from no member: the contract's 404 needs the read.
    const [, page] = await Promise.all([
      this.members.get(query.memberId),
      this.trading.list(query.memberId, { limit: query.limit, cursor: query.cursor }),
    ]);
    return page;
  }

  @GET
  @Path(':id')
  @Returns(200, OrderResponse, { description: 'The order; one unpaid past its expiresAt reads as expired.' })
  get(@PathParam('id') id: string): Promise<Order> {
    return this.trading.get(knownId('ord', id));
  }

  @POST
  @Path(':id/payment')
  @Idempotent()
  @Returns(200, OrderResponse, { description: 'The paid order (again, for the paymentRef that paid it).' })
  @Refuses(409, 'amount-mismatch', 'not-payable')
  pay(@PathParam('id') id: string, body: PaymentBody): Promise<Order> {
    return this.trading.pay(knownId('ord', id), { paymentRef: body.paymentRef, amount: body.amount });
  }

  @POST
  @Path(':id/cancellation')
  @Returns(200, OrderResponse, { description: 'The cancelled order: its stock released, its coupon available again.' })
  @Refuses(409, 'not-cancellable')
  cancel(@PathParam('id') id: string, body: unknown): Promise<Order> {
    refuseAnyContent(body);
    return this.trading.cancel(knownId('ord', id));
  }
}

/** A cancellation carries nothing: no body or `{}`. Anything else is named, as unknown properties are. */
function refuseAnyContent(body: unknown): void {
  if (body === undefined) return;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new ValidationError([{ field: 'body', messages: ['must be empty or an empty JSON object'] }]);
  }
  const keys = Object.keys(body);
  if (keys.length > 0)
    throw new ValidationError(keys.map((field) => ({ field, messages: [`property ${field} should not exist`] })));
}
