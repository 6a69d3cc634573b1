/** Whether a flash sale sells now: by its times, and `ended` once its unsold units went back. */
export type FlashSaleStatus = 'scheduled' | 'running' | 'ended';

export interface FlashSale {
  readonly id: string;
  readonly storeId: string;
  readonly sku: string;
  readonly name: string;
  readonly price: number;
  readonly quantity: number;
  readonly perMemberLimit: number;
  readonly startsAt: string;
  readonly endsAt: string;
  /** Units still for sale: the sum of the shards (0 once ended). */
  readonly remaining: number;
  readonly status: FlashSaleStatus;
  readonly createdAt: string;
}

export interface CreateFlashSaleInput {
  readonly storeId: string;
  readonly sku: string;
  readonly price: number;
  readonly quantity: number;
  readonly perMemberLimit: number;
  readonly startsAt: string;
  readonly endsAt: string;
}

export interface FlashPurchaseInput {
  readonly memberId: string;
  readonly quantity: number;
}
