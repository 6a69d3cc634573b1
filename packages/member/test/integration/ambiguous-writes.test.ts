import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bindMemberTables, type MemberService } from '../../src/index.js';
import { startFaultyProxy, type Fault, type FaultyProxy } from '@retail/ots-local';
import { expectLedgerConsistent } from '../support/ledger.js';
import { activeMembersWithPhone } from '../support/members.js';
import { freshPhone, startTestEnv, type TestEnv } from '../support/ots.js';

// Responses lost on the network after the server applied the write: the storage layer reports
// the outcome as unknown (AmbiguousWriteError), and the use-cases settle it by reading.

let env: TestEnv;
let members: MemberService;
let proxy: FaultyProxy;
let decide: (operation: string, nth: number) => Fault = () => 'pass';
beforeAll(async () => {
  env = await startTestEnv();
  members = env.service();
  proxy = await startFaultyProxy(env.config.endpoint, (op, nth) => decide(op, nth));
});
afterAll(async () => {
  await proxy.stop();
  await env.stop();
});

/** A service whose storage goes through the proxy; `faults` picks which requests lose their response. */
function throughProxy(faults: (operation: string, nth: number) => Fault): MemberService {
  proxy.seen.clear();
  decide = faults;
  const client = env.newClient({ endpoint: proxy.endpoint, retry: { baseDelayMs: 1, maxDelayMs: 5 } });
  return env.service({ tables: bindMemberTables(client) });
}

describe('a lost response', () => {
  it('of the conditional balance update: settled as applied, applied once', async () => {
    const m = await members.register({ phone: freshPhone(), name: 'A', channel: 'app' });
    await members.changePoints(m.id, { delta: 40, reason: 'first' });
    const service = throughProxy((op, nth) => (op === 'UpdateRow' && nth === 1 ? 'drop-response' : 'pass'));
    const result = await service.changePoints(m.id, { delta: 2, reason: 'lost response' });
    expect(result).toMatchObject({ balance: 42, replayed: false });
    expect(proxy.seen.get('UpdateRow')).toBe(2); // re-sent once; its condition then failed: the first had applied
    expect((await members.get(m.id)).points).toBe(42);
    const ledger = await expectLedgerConsistent(env.tables, m.id);
    expect(ledger.at(-1)).toMatchObject({ id: result.entryId, delta: 2 });
  });

  it('of the phone claim and of the member row: the registration completes, once', async () => {
    const phone = freshPhone();
    const service = throughProxy((op, nth) => (op === 'PutRow' && (nth === 1 || nth === 3) ? 'drop-response' : 'pass'));
    const m = await service.register({ phone, name: 'B', channel: 'app' });
    expect(proxy.seen.get('PutRow')).toBe(4); // claim twice, member row twice
    expect(await members.findByPhone(phone)).toEqual(m);
    expect(await env.tables.phones.get({ phone })).toMatchObject({ memberId: m.id, state: 'confirmed' });
    expect(await activeMembersWithPhone(env.tables, phone)).toHaveLength(1);
  });
});
