import { toSdkCondition } from './conditions.js';
import { InvalidParameterError } from './errors.js';
import { checkKeyShape, encodeKey } from './keys.js';
import { encodeAttributes, splitRow } from './rows.js';
import { encodeUpdateChanges } from './update-changes.js';
import { estimateBytes, keyIdentity } from './batch-support.js';
import type { TablestoreError } from './errors.js';
import type { BatchWriteOperation } from './types/batch.js';
import type { TableDefinition } from './types/table.js';

/** A batch operation checked and translated, with what its retries need to know. */
export interface PreparedWrite {
  readonly index: number;
  readonly sdkRow: Record<string, unknown>;
  /** Same effect when replayed: no INCREMENT, no generated key. */
  readonly replaySafe: boolean;
  readonly bytes: number;
  /** Set once an attempt failed in a way that may have applied it. */
  ambiguous?: TablestoreError;
}

/** Checks and translates every operation before anything is sent; a key may appear only once. */
export function prepareWrites(table: TableDefinition, ops: readonly BatchWriteOperation[]): PreparedWrite[] {
  const seen = new Set<string>();
  return ops.map((op, index) => {
    const condition = toSdkCondition(table, op.condition);
    let key: Record<string, unknown>;
    let sdkRow: Record<string, unknown>;
    let replaySafe = true;
    let bytes: number;
    if (op.type === 'put') {
      const split = splitRow(table, op.row);
      key = split.key;
      const auto = table.primaryKey.some((c) => c.autoIncrement && key[c.name] === undefined);
      replaySafe = !auto;
      sdkRow = {
        type: 'PUT',
        primaryKey: encodeKey(table, key, true),
        attributeColumns: encodeAttributes(table, split.attributes),
        condition,
      };
      bytes = estimateBytes(op.row);
    } else if (op.type === 'update') {
      checkKeyShape(table, op.key);
      key = op.key;
      const { columns, increments } = encodeUpdateChanges(table, op.changes);
      replaySafe = increments.length === 0;
      sdkRow = { type: 'UPDATE', primaryKey: encodeKey(table, key), attributeColumns: columns, condition };
      bytes = estimateBytes({ ...op.key, ...op.changes.set, ...op.changes.increment }) + 32 * (op.changes.remove?.length ?? 0);
    } else if (op.type === 'delete') {
      checkKeyShape(table, op.key);
      key = op.key;
      sdkRow = { type: 'DELETE', primaryKey: encodeKey(table, key), condition };
      bytes = estimateBytes(op.key);
    } else {
      throw new InvalidParameterError(`batch operation ${index}: type must be put, update or delete`);
    }
    const generatedKey = op.type === 'put' && !replaySafe;
    if (!generatedKey) {
      const id = keyIdentity(table, key);
      if (seen.has(id))
        throw new InvalidParameterError(`${table.name}: batch operation ${index} repeats the key of an earlier one`);
      seen.add(id);
    }
    return { index, sdkRow, replaySafe, bytes };
  });
}
