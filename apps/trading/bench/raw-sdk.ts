import { createRequire } from 'node:module';
import http from 'node:http';

// The baselines' side of each benchmark: the official `tablestore` SDK called directly, as a
// careful caller would (its own keep-alive agent, no retries). The SDK ships no types; these name
// only what the benchmarks call.
interface Sdk {
  Client: new (
    config: Record<string, unknown>,
  ) => Record<string, (params: unknown, callback: (error: unknown, data: unknown) => void) => void>;
  Condition: new (rowExistence: number, columnCondition?: unknown) => unknown;
  SingleColumnCondition: new (name: string, value: unknown, comparator: number, passIfMissing?: boolean) => unknown;
  RowExistenceExpectation: { IGNORE: number; EXPECT_EXIST: number };
  ComparatorType: { GREATER_EQUAL: number };
  Long: { fromNumber(n: number): unknown };
}

const TableStore = createRequire(import.meta.url)('tablestore') as Sdk;

export interface RawSdk {
  /** One guarded decrement: `column -= 1` if `column >= 1`; false when the guard refused it. */
  decrement(table: string, key: Record<string, unknown>, column: string): Promise<boolean>;
  /** One PutRow (condition IGNORE) of these columns. */
  put(table: string, key: Record<string, unknown>, columns: Record<string, string | number>): Promise<void>;
}

/**
 * The raw SDK over its own agent.
 *
 * @example
 * const sdk = rawSdk({ endpoint, instanceName, accessKeyId, accessKeySecret }, 64);
 * await sdk.decrement('bench_counters', { id: 'x' }, 'available');
 */
export function rawSdk(
  config: { endpoint: string; instanceName: string; accessKeyId: string; accessKeySecret: string },
  sockets: number,
): RawSdk {
  const client = new TableStore.Client({
    endpoint: config.endpoint,
    instancename: config.instanceName,
    accessKeyId: config.accessKeyId,
    accessKeySecret: config.accessKeySecret,
    maxRetries: 0,
    httpOptions: { timeout: 30_000, agent: new http.Agent({ keepAlive: true, maxSockets: sockets }) },
  });
  const call = (method: string, params: unknown) =>
    new Promise<unknown>((resolve, reject) =>
      client[method]!.call(client, params, (error, data) => (error ? reject(error as Error) : resolve(data))),
    );
  const long = TableStore.Long.fromNumber;
  return {
    async decrement(table, key, column) {
      const condition = new TableStore.Condition(
        TableStore.RowExistenceExpectation.EXPECT_EXIST,
        new TableStore.SingleColumnCondition(column, long(1), TableStore.ComparatorType.GREATER_EQUAL, false),
      );
      try {
        await call('updateRow', {
          tableName: table,
          condition,
          primaryKey: Object.entries(key).map(([k, v]) => ({ [k]: v })),
          updateOfAttributeColumns: [{ INCREMENT: [{ [column]: long(-1) }] }],
        });
        return true;
      } catch (error) {
        // The SDK's errors carry the OTS code only inside the message (shared/TABLESTORE.md, section 5).
        if (String((error as Error).message).includes('OTSConditionCheckFail')) return false;
        throw new Error(`raw SDK UpdateRow failed: ${String((error as Error).message)}`, { cause: error });
      }
    },
    async put(table, key, columns) {
      await call('putRow', {
        tableName: table,
        condition: new TableStore.Condition(TableStore.RowExistenceExpectation.IGNORE, null),
        primaryKey: Object.entries(key).map(([k, v]) => ({ [k]: v })),
        attributeColumns: Object.entries(columns).map(([k, v]) => ({ [k]: typeof v === 'number' ? long(v) : v })),
      });
    },
  };
}
