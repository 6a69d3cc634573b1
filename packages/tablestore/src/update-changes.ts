import { InvalidParameterError } from './errors.js';
import { toSdkInt64 } from './int64.js';
import { checkColumnName, encodeCell } from './values.js';
import type { UpdateChanges } from './types/operations.js';
import type { TableDefinition } from './types/table.js';

/** Update changes as the SDK's `[{ PUT: [...] }, { DELETE_ALL: [...] }, { INCREMENT: [...] }]`. */
export function encodeUpdateChanges(
  table: TableDefinition,
  changes: UpdateChanges,
): { columns: unknown[]; increments: string[] } {
  const put: Record<string, unknown>[] = [];
  const removed: string[] = [];
  const increment: Record<string, unknown>[] = [];
  const seen = new Set<string>();
  const pk = new Set(table.primaryKey.map((c) => c.name));
  const claim = (name: string) => {
    checkColumnName(name);
    if (pk.has(name)) throw new InvalidParameterError(`${table.name}: '${name}' is a primary key column and cannot be updated`);
    if (seen.has(name)) throw new InvalidParameterError(`${table.name}: column '${name}' is changed twice in one update`);
    seen.add(name);
  };
  for (const [name, value] of Object.entries(changes.set ?? {})) {
    if (value === undefined) continue;
    claim(name);
    if (value === null) removed.push(name);
    else put.push({ [name]: encodeCell(table, name, value) });
  }
  for (const name of changes.remove ?? []) {
    claim(name);
    removed.push(name);
  }
  for (const [name, by] of Object.entries(changes.increment ?? {})) {
    claim(name);
    const declared = table.columns?.[name];
    if (declared !== undefined && declared !== 'integer') {
      throw new InvalidParameterError(`${table.name}.${name} is declared '${declared}'; only integer columns can be incremented`);
    }
    increment.push({ [name]: toSdkInt64(by, `${table.name}.${name} increment`) });
  }
  const columns: unknown[] = [];
  if (put.length > 0) columns.push({ PUT: put });
  if (removed.length > 0) columns.push({ DELETE_ALL: removed });
  if (increment.length > 0) columns.push({ INCREMENT: increment });
  if (columns.length === 0) throw new InvalidParameterError(`${table.name}: an update needs at least one change`);
  if (seen.size > 1024) throw new InvalidParameterError(`${table.name}: more than 1024 columns in one write`);
  return { columns, increments: increment.map((o) => Object.keys(o)[0] ?? '') };
}
