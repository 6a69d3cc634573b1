// Minimal typings for the parts of the `tablestore` SDK (5.6.5, CommonJS, no types of its own)
// that this package uses. Internal: nothing here is part of the public API.
declare module 'tablestore' {
  namespace TableStore {
    /** `int64-buffer`'s Int64LE, the SDK's only integer type. */
    interface Int64LE {
      toBuffer(): Buffer;
      toNumber(): number;
      toString(radix?: number): string;
    }
    interface HttpOptions {
      timeout?: number;
      maxSockets?: number;
      agent?: unknown;
    }
    interface ClientConfig {
      endpoint: string;
      instancename: string;
      accessKeyId: string;
      accessKeySecret: string;
      stsToken?: string;
      maxRetries?: number;
      httpOptions?: HttpOptions;
    }
    type SdkPrimaryKey = Array<Record<string, unknown>>;
    interface SdkPkCell {
      name: string;
      value: unknown;
    }
    interface SdkAttribute {
      columnName: string;
      columnValue: unknown;
      timestamp: Int64LE | null;
    }
    interface SdkRow {
      primaryKey?: SdkPkCell[] | null;
      attributes?: SdkAttribute[] | null;
    }
    interface SdkBatchItem extends SdkRow {
      isOk: boolean;
      errorCode: string | null;
      errorMessage: string | null;
      tableName: string;
    }
    interface GetRangeResponse {
      rows: SdkRow[];
      nextStartPrimaryKey: SdkPkCell[] | null;
      RequestId?: string;
    }
    interface RowResponse {
      row: SdkRow;
      RequestId?: string;
    }
    class ColumnCondition {}
    class SingleColumnCondition extends ColumnCondition {
      constructor(name: string, value: unknown, comparator: number, passIfMissing?: boolean, latestVersionOnly?: boolean);
      columnName: string;
      columnValue: unknown;
      comparator: number;
      passIfMissing: boolean;
      latestVersionOnly: boolean;
    }
    class CompositeCondition extends ColumnCondition {
      constructor(combinator: number);
      combinator: number;
      sub_conditions: ColumnCondition[];
      addSubCondition(condition: ColumnCondition): void;
    }
    class Condition {
      constructor(rowExistence: number, columnCondition?: ColumnCondition | null);
      rowExistenceExpectation: number;
      columnCondition: ColumnCondition | null;
    }
    class Client {
      constructor(config: ClientConfig);
      createTable(params: unknown): Promise<unknown>;
      listTable(params: unknown): Promise<{ tableNames: string[] }>;
      describeTable(params: unknown): Promise<unknown>;
      deleteTable(params: unknown): Promise<unknown>;
      getRow(params: unknown): Promise<RowResponse>;
      putRow(params: unknown): Promise<RowResponse>;
      updateRow(params: unknown): Promise<RowResponse>;
      deleteRow(params: unknown): Promise<RowResponse>;
      getRange(params: unknown): Promise<GetRangeResponse>;
      batchGetRow(params: unknown): Promise<{ tables: SdkBatchItem[][] }>;
      batchWriteRow(params: unknown): Promise<{ tables: SdkBatchItem[] }>;
    }
    const INF_MIN: object;
    const INF_MAX: object;
    const PK_AUTO_INCR: object;
    const Long: {
      fromNumber(n: number): Int64LE;
      fromString(s: string): Int64LE;
    };
    const RowExistenceExpectation: { IGNORE: 0; EXPECT_EXIST: 1; EXPECT_NOT_EXIST: 2 };
    const ComparatorType: {
      EQUAL: number;
      NOT_EQUAL: number;
      GREATER_THAN: number;
      GREATER_EQUAL: number;
      LESS_THAN: number;
      LESS_EQUAL: number;
    };
    const LogicalOperator: { NOT: number; AND: number; OR: number };
    const Direction: { FORWARD: 'FORWARD'; BACKWARD: 'BACKWARD' };
    const ReturnType: { NONE: 0; Primarykey: 1; AfterModify: 2 };
  }
  export = TableStore;
}
