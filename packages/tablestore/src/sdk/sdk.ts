/// <reference path="./tablestore-sdk.d.ts" />
// The one import of the raw SDK. Everything else imports from here.
import TableStore from 'tablestore';

export { TableStore };
export type SdkClient = TableStore.Client;
export type SdkInt64 = TableStore.Int64LE;
export type SdkRow = TableStore.SdkRow;
export type SdkPkCell = TableStore.SdkPkCell;
export type SdkPrimaryKey = TableStore.SdkPrimaryKey;
export type SdkBatchItem = TableStore.SdkBatchItem;

/** The SDK's Int64LE constructor: the encoder checks `instanceof` against this very class. */
type Int64Ctor = new (buffer: Buffer) => SdkInt64;
export const SdkInt64Class = TableStore.Long.fromNumber(0).constructor as Int64Ctor;

export function isSdkInt64(value: unknown): value is SdkInt64 {
  return value instanceof SdkInt64Class;
}
