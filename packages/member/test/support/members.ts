import type { Row } from '@retail/tablestore';
import type { MemberTables } from '../../src/index.js';

/** Every member row (tombstones excluded) that names this phone: at most one may exist. */
export async function activeMembersWithPhone(tables: MemberTables, phone: string): Promise<Row[]> {
  const rows: Row[] = [];
  const filter = {
    and: [
      { column: 'phone', op: '=', value: phone },
      { column: 'state', op: '=', value: 'active' },
    ],
  } as const;
  for await (const row of tables.members.scan({ filter })) rows.push(row);
  return rows;
}

/** Resolves once `check` holds (polling), so a test can wait for a held write to be reached. */
export async function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
