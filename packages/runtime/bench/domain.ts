/**
 * What the benchmark's endpoints do, shared by every server so that they differ only in the HTTP
 * path around it: a member read (GET) and an order placement (POST, validated body).
 */

export const MEMBER_ID = 'm-000123';

export interface OrderLineInput {
  sku: string;
  quantity: number;
  unitPriceCents: number;
}

export interface OrderInput {
  memberId: string;
  storeId: string;
  items: OrderLineInput[];
}

/** The rules every server enforces on an order body (the DTO in controllers.ts says the same). */
export const RULES = {
  idLength: [1, 32],
  items: [1, 50],
  quantity: [1, 99],
  unitPriceCents: [0, 10_000_000],
} as const;

export function memberView(id: string, channel: string | undefined) {
  return {
    id,
    name: 'Lin Mei',
    tier: 'gold',
    points: 12_840,
    homeStoreId: 'st-0042',
    memberSince: '2021-03-14',
    channel: channel ?? null,
  };
}

export function placeOrder(order: OrderInput): { location: string; body: unknown } {
  let totalCents = 0;
  for (const line of order.items) totalCents += line.quantity * line.unitPriceCents;
  const orderId = `o-${order.storeId}-${order.memberId}`;
  return {
    location: `/orders/${orderId}`,
    body: { orderId, memberId: order.memberId, storeId: order.storeId, lines: order.items.length, totalCents },
  };
}

/** The request both benchmarks send: a realistic order of three lines. */
export const ORDER_BODY: OrderInput = {
  memberId: MEMBER_ID,
  storeId: 'st-0042',
  items: [
    { sku: 'sku-1001', quantity: 2, unitPriceCents: 1299 },
    { sku: 'sku-2002', quantity: 1, unitPriceCents: 4599 },
    { sku: 'sku-3003', quantity: 3, unitPriceCents: 350 },
  ],
};

/** Bodies every server must refuse with 400 (checked before measuring). */
export const BAD_ORDER_BODIES: { why: string; body: unknown }[] = [
  { why: 'quantity 0', body: { ...ORDER_BODY, items: [{ ...ORDER_BODY.items[0]!, quantity: 0 }] } },
  { why: 'fractional quantity', body: { ...ORDER_BODY, items: [{ ...ORDER_BODY.items[0]!, quantity: 1.5 }] } },
  { why: 'price as a string', body: { ...ORDER_BODY, items: [{ ...ORDER_BODY.items[0]!, unitPriceCents: '1299' }] } },
  { why: 'no memberId', body: { storeId: ORDER_BODY.storeId, items: ORDER_BODY.items } },
  { why: 'storeId too long', body: { ...ORDER_BODY, storeId: 's'.repeat(33) } },
  { why: 'no items', body: { ...ORDER_BODY, items: [] } },
  { why: 'items not an array', body: { ...ORDER_BODY, items: ORDER_BODY.items[0] } },
  { why: 'an item not an object', body: { ...ORDER_BODY, items: ['sku-1001'] } },
  { why: 'unknown property', body: { ...ORDER_BODY, coupon: 'FREE' } },
  { why: 'unknown nested property', body: { ...ORDER_BODY, items: [{ ...ORDER_BODY.items[0]!, discount: 100 }] } },
  { why: 'not an object', body: [ORDER_BODY] },
];
