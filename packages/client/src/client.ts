import { couponCampaignsApi, couponsApi } from './resources/coupons.js';
import { gatewayApi } from './resources/gateway.js';
import { membersApi } from './resources/members.js';
import { storesApi } from './resources/stores.js';
import { flashSalesApi, ordersApi } from './resources/trading.js';
import { createTransport, type Transport, type TransportOptions } from './transport.js';

export type RetailClientOptions = TransportOptions;

/** The whole of API.md, by resource. */
export interface RetailClient {
  members: ReturnType<typeof membersApi>;
  stores: ReturnType<typeof storesApi>;
  couponCampaigns: ReturnType<typeof couponCampaignsApi>;
  coupons: ReturnType<typeof couponsApi>;
  orders: ReturnType<typeof ordersApi>;
  flashSales: ReturnType<typeof flashSalesApi>;
  gateway: ReturnType<typeof gatewayApi>;
  /** The signed exchange itself, for paths the methods above do not cover. */
  transport: Transport;
}

/**
 * A client for one channel app: every request signed with its AppKey/AppSecret as Alibaba Cloud
 * API Gateway expects; refusals thrown as `ProblemError`.
 *
 * @example
 * const client = createRetailClient({ baseUrl: 'http://127.0.0.1:8080', appKey, appSecret });
 * const member = await client.members.findByPhone('13800000001');
 * await client.members.changePoints(member.id, { delta: 100, reason: 'order ord_1' }, { idempotencyKey: 'ord_1-points' });
 */
export function createRetailClient(options: RetailClientOptions): RetailClient {
  const transport = createTransport(options);
  return {
    members: membersApi(transport),
    stores: storesApi(transport),
    couponCampaigns: couponCampaignsApi(transport),
    coupons: couponsApi(transport),
    orders: ordersApi(transport),
    flashSales: flashSalesApi(transport),
    gateway: gatewayApi(transport),
    transport,
  };
}
