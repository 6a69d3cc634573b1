import { createRequire } from 'node:module';

/** A protobufjs static message type, as the SDK's compiled module defines it. */
export interface MessageType {
  decode(bytes: Uint8Array | object, length?: number): Message;
  encode(message: object): { finish(): Uint8Array };
}

/** A decoded message: camelCase fields, int64 as Long, bytes as Buffer. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Message = Record<string, any>;

interface CompiledRoot {
  main: { proto: Record<string, MessageType> };
  filter: { proto: Record<string, MessageType> };
}

/**
 * The request and response types come from the SDK's own compiled protobuf module, so the server
 * decodes exactly what the SDK encodes.
 */
const root = createRequire(import.meta.url)('tablestore/lib/protocol/tablestore_compiled_proto.js') as CompiledRoot;

export const pb = root.main.proto;
export const filterPb = root.filter.proto;

tolerateMissingBatchCondition();

/**
 * The SDK leaves `condition` out of a BatchWriteRow row when the caller gave none, though the field
 * is required; the real service takes that as IGNORE. protobufjs decodes the whole row before it
 * checks required fields, so the decoded row is on the error and can be completed here. Only the
 * server decodes this request type.
 */
function tolerateMissingBatchCondition(): void {
  const rowType = pb.RowInBatchWriteRowRequest!;
  const decode = rowType.decode.bind(rowType);
  rowType.decode = (reader, length) => {
    try {
      return decode(reader, length);
    } catch (error) {
      const instance = (error as { instance?: Message }).instance;
      if (!instance || !String(error).includes("'condition'")) throw error;
      instance.condition = { rowExistence: 0 };
      return instance;
    }
  };
}

/** An int64 field as a number (Long objects carry `toNumber`). */
export function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (value && typeof (value as { toNumber?: unknown }).toNumber === 'function') {
    return (value as { toNumber(): number }).toNumber();
  }
  return Number(value);
}

/** Whether a decoded optional field was on the wire (absent ones come from the prototype). */
export function has(message: Message, field: string): boolean {
  return Object.prototype.hasOwnProperty.call(message, field);
}
