/** The admin route and the start-up switches of the fault rules (local only). */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaultAdminError, otsFaults, spawnOtsLocal, startOtsLocal, type FaultRule } from '../src/index.js';
import { isLoopback } from '../src/faults/admin.js';
import { ensureBuilt, kill9, startCli } from './support/cli.js';
import { expectOtsError } from './support/errors.js';
import { useFaultTarget } from './support/faults.js';
import { makeClient } from './support/target.js';

const t = useFaultTarget();
const busyGets: FaultRule = { fault: 'error', operation: 'GetRow', error: 'OTSServerBusy' };

async function badRequest(body: unknown, method = 'PUT'): Promise<{ field: string; messages: string[] }[]> {
  const response = await fetch(`${t.ots.endpoint}/_admin/faults`, { method, body: JSON.stringify(body) });
  expect(response.status).toBe(400);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  const problem = (await response.json()) as { code: string; errors: { field: string; messages: string[] }[] };
  expect(problem.code).toBe('validation-failed');
  return problem.errors;
}

describe('the admin route', () => {
  it('replaces, adds, lists with counters, and clears rules', async () => {
    const set = await t.faults.set({ seed: 3, rules: [busyGets] });
    expect(set).toMatchObject({ seed: 3, rules: [{ id: 'r1', ...busyGets }], counters: { r1: { matched: 0, fired: 0 } } });
    const added = await t.faults.add({ id: 'slow', fault: 'latency', ms: 1 });
    expect(added).toEqual({ id: 'slow', fault: 'latency', ms: 1 });
    await expectOtsError(t.client.getRow({ tableName: 'stock', primaryKey: [{ id: 'a' }] }), 'OTSServerBusy', 503);
    const state = await t.faults.state();
    expect(state.counters).toEqual({ r1: { matched: 1, fired: 1 }, slow: { matched: 1, fired: 1 } });
    expect(state.totals).toEqual({ latency: 1, error: 1, 'lose-response': 0, throttle: 0 });
    await t.faults.clear();
    expect(await t.faults.state()).toEqual({
      seed: 1,
      rules: [],
      counters: {},
      totals: { latency: 0, error: 0, 'lose-response': 0, throttle: 0 },
    });
    await t.client.getRow({ tableName: 'stock', primaryKey: [{ id: 'a' }] });
  });

  it('refuses bad rules with a 400 naming each bad field, and keeps the rules it had', async () => {
    await t.faults.set([busyGets]);
    expect(await badRequest({ rules: [{ fault: 'error', error: 'OTSServerBusy', probability: 2 }] })).toEqual([
      { field: 'rules[0].probability', messages: ['must be a number in 0..1'] },
    ]);
    const errors = await badRequest({
      rules: [busyGets, { fault: 'error', operation: 'PutRows', error: 'Busy', probabilty: 0.1 }],
    });
    expect(errors.map((e) => e.field)).toEqual(['rules[1].probabilty', 'rules[1].operation', 'rules[1].error']);
    expect(await badRequest({ rules: [{ fault: 'latency', ms: 5, probability: 0.5, everyNth: 2 }] })).toEqual([
      { field: 'rules[0].everyNth', messages: ['give probability or everyNth, not both'] },
    ]);
    expect((await badRequest({ rules: [{ fault: 'throttle', table: 'stock' }] }))[0]?.field).toBe('rules[0].writeCUPerSecond');
    expect((await badRequest({ fault: 'lose-response', mode: 'drop' }, 'POST'))[0]?.field).toBe('mode');
    expect((await badRequest({ rules: [{ fault: 'explode' }] }))[0]?.field).toBe('rules[0].fault');
    expect((await badRequest([busyGets]))[0]?.field).toBe('');
    expect(
      await badRequest({
        rules: [
          { ...busyGets, id: 'x' },
          { ...busyGets, id: 'x' },
        ],
      }),
    ).toEqual([{ field: 'rules[1].id', messages: ["'x' is used by another rule"] }]);
    const notJson = await fetch(`${t.ots.endpoint}/_admin/faults`, { method: 'PUT', body: '{' });
    expect(notJson.status).toBe(400);
    expect((await t.faults.state()).rules).toEqual([{ id: 'r1', ...busyGets }]);
    await t.faults.clear();
  });

  it('the typed client throws the problem', async () => {
    const err = await t.faults.add({ fault: 'latency', ms: -1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FaultAdminError);
    expect(err).toMatchObject({ status: 400, problem: { errors: [{ field: 'ms' }] } });
  });

  it('answers 405 to other methods and 404 to other admin paths', async () => {
    const patch = await fetch(`${t.ots.endpoint}/_admin/faults`, { method: 'PATCH', body: '{}' });
    expect(patch.status).toBe(405);
    expect(patch.headers.get('allow')).toBe('GET, PUT, POST, DELETE');
    expect((await fetch(`${t.ots.endpoint}/_admin/other`)).status).toBe(404);
  });

  it('is off unless asked for: 404, and the rules cannot be set', async () => {
    const plain = await startOtsLocal({ port: 0, memory: true, log: () => {} });
    try {
      const response = await fetch(`${plain.endpoint}/_admin/faults`);
      expect(response.status).toBe(404);
      await expect(otsFaults(plain.endpoint).set([busyGets])).rejects.toMatchObject({ status: 404 });
    } finally {
      await plain.stop();
    }
  });

  it('answers loopback callers only', () => {
    expect(['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1'].every(isLoopback)).toBe(true);
    expect(['10.0.0.2', '192.168.1.5', '::ffff:10.0.0.2', 'fe80::1', undefined].some(isLoopback)).toBe(false);
  });
});

describe('rules at start-up', () => {
  it('startOtsLocal({ faults }) applies them, and refuses a bad set naming the field', async () => {
    await expect(
      startOtsLocal({ memory: true, log: () => {}, faults: { rules: [{ fault: 'error', error: 'Nope' } as never] } }),
    ).rejects.toThrow(/rules\[0\]\.error/);
    const ots = await startOtsLocal({ port: 0, memory: true, log: () => {}, faults: { rules: [busyGets] } });
    try {
      const client = makeClient(ots);
      await expectOtsError(client.getRow({ tableName: 'any', primaryKey: [{ id: 'a' }] }), 'OTSServerBusy', 503);
      expect((await fetch(`${ots.endpoint}/_admin/faults`)).status).toBe(404); // rules without the admin route
    } finally {
      await ots.stop();
    }
  });

  describe('from the CLI', () => {
    beforeAll(() => ensureBuilt(), 180_000);
    const stops: Array<() => Promise<void>> = [];
    afterAll(async () => {
      for (const stop of stops) await stop();
    });

    it('--faults <file> and --admin', async () => {
      const file = join(tmpdir(), `ots-faults-${process.pid}.json`);
      writeFileSync(file, JSON.stringify({ seed: 9, rules: [busyGets] }));
      const cli = await startCli(['--memory', '--admin', '--faults', file]);
      stops.push(() => kill9(cli));
      const state = await otsFaults(cli.endpoint).state();
      expect(state).toMatchObject({ seed: 9, rules: [{ id: 'r1', ...busyGets }] });
    });

    it('a bad rules file stops start-up with the field named', async () => {
      const file = join(tmpdir(), `ots-faults-bad-${process.pid}.json`);
      writeFileSync(file, JSON.stringify({ rules: [{ fault: 'latency' }] }));
      await expect(startCli(['--memory', '--faults', file])).rejects.toThrow(/rules\[0\]\.ms/);
    });

    it('OTS_FAULTS with JSON (spawnOtsLocal({ faults }))', async () => {
      const cli = await spawnOtsLocal({ memory: true, admin: true, faults: { rules: [busyGets] } });
      stops.push(cli.stop);
      const state = await otsFaults(cli.endpoint).state();
      expect(state.rules).toEqual([{ id: 'r1', ...busyGets }]);
    });
  });
});
