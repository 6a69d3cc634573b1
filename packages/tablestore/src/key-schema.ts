import type { PrimaryKeyType, TableDefinition } from './types/table.js';

/** A primary key column as DescribeTable reports it (protobuf enums as numbers). */
export interface DescribedKeyColumn {
  readonly name: string;
  readonly type: number;
  readonly autoIncrement: boolean;
}

const PK_TYPE_NUMBER: Record<PrimaryKeyType, number> = { integer: 1, string: 2, binary: 3 };
const PK_TYPE_NAME: Record<number, string> = { 1: 'integer', 2: 'string', 3: 'binary' };

/**
 * Key columns from a decoded DescribeTableResponse. protobufjs puts proto2 defaults on the
 * prototype, and the default of `option` is AUTO_INCREMENT (its enum's first value), so only an
 * own property counts.
 */
export function describedKeyColumns(response: unknown): DescribedKeyColumn[] {
  const meta = (response as { tableMeta?: { primaryKey?: unknown[] } }).tableMeta;
  return (meta?.primaryKey ?? []).map((raw) => {
    const c = raw as { name: string; type: number; option?: number };
    const hasOption = Object.prototype.hasOwnProperty.call(c, 'option');
    return { name: c.name, type: Number(c.type), autoIncrement: hasOption && Number(c.option) === 1 };
  });
}

/** Differences between a definition's key and an existing table's, one sentence each. */
export function keySchemaDifferences(def: TableDefinition, actual: readonly DescribedKeyColumn[]): string[] {
  const wanted = def.primaryKey.map((c) => `${c.name}:${c.type}${c.autoIncrement ? ' auto-increment' : ''}`);
  const found = actual.map(
    (c) => `${c.name}:${PK_TYPE_NAME[c.type] ?? `type ${c.type}`}${c.autoIncrement ? ' auto-increment' : ''}`,
  );
  if (wanted.length !== found.length) {
    return [`key has ${found.length} columns [${found.join(', ')}], the definition ${wanted.length} [${wanted.join(', ')}]`];
  }
  const out: string[] = [];
  def.primaryKey.forEach((col, i) => {
    const a = actual[i];
    if (!a) return;
    if (a.name !== col.name) out.push(`key column ${i + 1} is '${a.name}', the definition says '${col.name}'`);
    else if (a.type !== PK_TYPE_NUMBER[col.type])
      out.push(`key column '${col.name}' is ${found[i]}, the definition says ${col.type}`);
    else if (a.autoIncrement !== Boolean(col.autoIncrement)) {
      out.push(`key column '${col.name}' is ${a.autoIncrement ? '' : 'not '}auto-increment, unlike the definition`);
    }
  });
  return out;
}
