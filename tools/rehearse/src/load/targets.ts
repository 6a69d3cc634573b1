/**
 * What the crowd's requests name (members, stores, the campaign and the flash sale), and each
 * request kind as a method, path and body.
 */
import type { Kind } from '../profile.js';

/** The ids and values the requests use, made by the seed. */
export interface Targets {
  memberIds: string[];
  phones: string[];
  storeIds: string[];
  /** Skus on every store's shelf (orders take one of them). */
  skus: string[];
  /** Points near which stores are searched (city centres). */
  places: Array<{ lat: number; lng: number }>;
  campaignId: string;
  flashSaleId: string;
}

/** One request to send. */
export interface RequestSpec {
  method: 'GET' | 'POST';
  path: string;
  body?: Record<string, unknown>;
  /** POSTs that change things carry one, as a careful client does (retries stay safe). */
  idempotent: boolean;
}

/** An order answered 201, which a follow-up request pays. */
export interface PayableOrder {
  id: string;
  total: number;
}

/**
 * The request of a planned kind, with its random choices from `random`.
 *
 * @example
 * requestFor('member-get', targets, Math.random) // { method: 'GET', path: '/members/mem_...', idempotent: false }
 */
export function requestFor(kind: Exclude<Kind, 'payment'>, targets: Targets, random: () => number): RequestSpec {
  const any = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const get = (path: string): RequestSpec => ({ method: 'GET', path, idempotent: false });
  const post = (path: string, body: Record<string, unknown>): RequestSpec => ({ method: 'POST', path, body, idempotent: true });
  switch (kind) {
    case 'member-get':
      return get(`/members/${any(targets.memberIds)}`);
    case 'member-by-phone':
      return get(`/members?phone=${any(targets.phones)}`);
    case 'store-near': {
      const place = any(targets.places);
      const lat = (place.lat + (random() - 0.5) * 0.05).toFixed(4);
      const lng = (place.lng + (random() - 0.5) * 0.05).toFixed(4);
      return get(`/stores?near=${lat},${lng}&radiusKm=5`);
    }
    case 'store-inventory':
      return get(`/stores/${any(targets.storeIds)}/inventory`);
    case 'store-get':
      return get(`/stores/${any(targets.storeIds)}`);
    case 'order':
      return post('/orders', {
        memberId: any(targets.memberIds),
        storeId: any(targets.storeIds),
        items: [{ sku: any(targets.skus), quantity: 1 + Math.floor(random() * 3) }],
      });
    case 'campaign-view':
      return get(`/coupon-campaigns/${targets.campaignId}`);
    case 'claim':
      return post(`/coupon-campaigns/${targets.campaignId}/claims`, { memberId: any(targets.memberIds) });
    case 'flash-view':
      return get(`/flash-sales/${targets.flashSaleId}`);
    case 'flash-buy':
      return post(`/flash-sales/${targets.flashSaleId}/orders`, { memberId: any(targets.memberIds), quantity: 1 });
  }
}

/** The payment of an order, as the follow-up after its 201. */
export function paymentFor(order: PayableOrder): RequestSpec {
  return {
    method: 'POST',
    path: `/orders/${order.id}/payment`,
    body: { paymentRef: `pay-${order.id}`, amount: order.total },
    idempotent: true,
  };
}
