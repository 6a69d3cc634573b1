/**
 * Request authentication (TABLESTORE.md §1): HMAC-SHA1 signature over the x-ots-* headers,
 * the body MD5, the access key id, the instance name and the date, all answered with
 * 403 OTSAuthFailed; plus the response headers other SDKs (Python, Java) verify.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { startOtsLocal } from '../src/index.js';
import { expectOtsError } from './support/errors.js';
import {
  decodeError,
  decodeListTable,
  encodeDescribeTable,
  encodeListTable,
  md5Base64,
  rawRequest,
  responseSignature,
  sign,
  stringToSign,
} from './support/raw.js';
import { createTable, deleteAfterTest, uniqueTableName } from './support/tables.js';
import { isReal, makeClient, useTarget } from './support/target.js';

const t = useTarget();

describe('signing rule', () => {
  it('matches the published test vector', () => {
    const headers = {
      'x-ots-accesskeyid': 'AK',
      'x-ots-apiversion': '2015-12-31',
      'x-ots-contentmd5': '1B2M2Y8AsgTpgAmY7PhCfg==',
      'x-ots-date': '2024-01-01T00:00:00.000Z',
      'x-ots-instancename': 'inst',
    };
    expect(md5Base64(new Uint8Array())).toBe('1B2M2Y8AsgTpgAmY7PhCfg==');
    expect(stringToSign('ListTable', headers)).toBe(
      '/ListTable\nPOST\n\nx-ots-accesskeyid:AK\nx-ots-apiversion:2015-12-31\n' +
        'x-ots-contentmd5:1B2M2Y8AsgTpgAmY7PhCfg==\nx-ots-date:2024-01-01T00:00:00.000Z\nx-ots-instancename:inst\n',
    );
    expect(sign('SK', 'ListTable', headers)).toBe('Hhav9l7Mya69t+xczoTWyrwM/0k=');
  });
});

describe('SDK credentials', () => {
  it('a wrong secret gets 403 OTSAuthFailed', async () => {
    const c = t.newClient({ accessKeySecret: `${t.target.accessKeySecret}-wrong` });
    await expectOtsError(c.listTable({}), 'OTSAuthFailed', 403);
  });

  it('an unknown access key id gets 403 OTSAuthFailed', async () => {
    const c = t.newClient({ accessKeyId: 'LTAIunknownKeyId0000' });
    await expectOtsError(c.listTable({}), 'OTSAuthFailed', 403);
  });

  it('a wrong instance name gets 403 OTSAuthFailed', async () => {
    const c = t.newClient({ instanceName: 'no-such-instance-x' });
    await expectOtsError(c.listTable({}), 'OTSAuthFailed', 403);
  });

  it('auth failures are not side effects: a rejected createTable creates nothing', async () => {
    const c = t.newClient({ accessKeySecret: 'definitely-wrong' });
    const name = uniqueTableName('authnoop');
    deleteAfterTest(t.client, name);
    await expectOtsError(
      c.createTable({
        tableMeta: { tableName: name, primaryKey: [{ name: 'id', type: 'STRING' }] },
        reservedThroughput: { capacityUnit: { read: 0, write: 0 } },
        tableOptions: { timeToLive: -1, maxVersions: 1 },
      }),
      'OTSAuthFailed',
      403,
    );
    const { tableNames } = await t.client.listTable({});
    expect(tableNames).not.toContain(name);
  });
});

describe('raw signed requests', () => {
  it('a correctly signed raw ListTable succeeds and lists a created table', async () => {
    const name = await createTable(t.client, { pk: [['id', 'STRING']], tag: 'rawlist' });
    const res = await rawRequest(t.target, { op: 'ListTable', body: encodeListTable() });
    expect(res.status, res.body.toString()).toBe(200);
    expect(decodeListTable(res.body)).toContain(name);
  });

  it('success responses carry the headers the Python and Java SDKs verify, with a valid response signature', async () => {
    const res = await rawRequest(t.target, { op: 'ListTable', body: encodeListTable() });
    expect(res.status).toBe(200);
    const h = res.headers;
    expect(h['x-ots-requestid'], 'x-ots-requestid').toBeTruthy();
    expect(h['x-ots-contenttype'], 'x-ots-contenttype').toBeTruthy();
    expect(h['x-ots-contentmd5'], 'x-ots-contentmd5 must be the MD5 of the body').toBe(
      createHash('md5').update(res.body).digest('base64'),
    );
    const date = String(h['x-ots-date']);
    expect(date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z$/);
    expect(Math.abs(Date.parse(date) - Date.now())).toBeLessThan(15 * 60_000);
    const auth = String(h['authorization'] ?? '');
    expect(auth, 'authorization: OTS <AK>:<signature>').toMatch(/^OTS [^:]+:.+$/);
    const [ak, sig] = auth.slice(4).split(':');
    expect(ak).toBe(t.target.accessKeyId);
    expect(sig).toBe(responseSignature(t.target.accessKeySecret, 'ListTable', h));
  });

  it('error responses are a protobuf Error with a request id', async () => {
    const res = await rawRequest(t.target, {
      op: 'DescribeTable',
      body: encodeDescribeTable(`otsconf_missing_${Date.now().toString(36)}`),
    });
    expect(res.status).toBe(404);
    expect(res.headers['x-ots-requestid']).toBeTruthy();
    expect(decodeError(res.body)).toEqual({ code: 'OTSObjectNotExist', message: 'Requested table does not exist.' });
  });

  it('a tampered body (x-ots-contentmd5 of another body) gets 403 OTSAuthFailed', async () => {
    const name = await createTable(t.client, { pk: [['id', 'STRING']], tag: 'tamper' });
    const original = encodeDescribeTable(name);
    const tampered = encodeDescribeTable(`${name.slice(0, -1)}X`);
    expect(md5Base64(tampered)).not.toBe(md5Base64(original));
    const res = await rawRequest(t.target, { op: 'DescribeTable', body: tampered, signedBody: original });
    expect(res.status, res.body.toString()).toBe(403);
    expect(decodeError(res.body).code).toBe('OTSAuthFailed');
  });

  it('a body whose MD5 header is correct but whose signature is wrong gets 403 OTSAuthFailed', async () => {
    const body = encodeListTable();
    const good = await rawRequest(t.target, { op: 'ListTable', body });
    expect(good.status).toBe(200);
    const res = await rawRequest(t.target, { op: 'ListTable', body, signature: 'AAAAAAAAAAAAAAAAAAAAAAAAAAA=' });
    expect(res.status).toBe(403);
    expect(decodeError(res.body).code).toBe('OTSAuthFailed');
  });

  it('a signature for another operation does not authorize this one', async () => {
    const body = encodeListTable();
    const headersDate = new Date().toISOString();
    const signature = sign(t.target.accessKeySecret, 'DeleteTable', {
      'x-ots-apiversion': '2015-12-31',
      'x-ots-instancename': t.target.instanceName,
      'x-ots-contentmd5': md5Base64(body),
      'x-ots-date': headersDate,
      'x-ots-accesskeyid': t.target.accessKeyId,
    });
    const res = await rawRequest(t.target, { op: 'ListTable', body, date: headersDate, signature });
    expect(res.status).toBe(403);
    expect(decodeError(res.body).code).toBe('OTSAuthFailed');
  });

  it('a date an hour old gets 403 OTSAuthFailed', async () => {
    const date = new Date(Date.now() - 60 * 60_000).toISOString();
    const res = await rawRequest(t.target, { op: 'ListTable', body: encodeListTable(), date });
    expect(res.status).toBe(403);
    expect(decodeError(res.body).code).toBe('OTSAuthFailed');
  });
});

describe.skipIf(isReal)('local key configuration', () => {
  it('defaults to the dev key pair and instance (or the OTS_* environment)', async () => {
    const ots = await startOtsLocal({ port: 0, memory: true, log: () => {} });
    try {
      const expectedId = process.env.OTS_ACCESS_KEY_ID ?? 'dev-access-key-id';
      const expectedSecret = process.env.OTS_ACCESS_KEY_SECRET ?? 'dev-access-key-secret';
      expect(ots.accessKeyId).toBe(expectedId);
      expect(ots.accessKeySecret).toBe(expectedSecret);
      expect(ots.instanceName).toBe(process.env.OTS_INSTANCE ?? 'retail-dev');
      expect(ots.endpoint).toBe(`http://127.0.0.1:${ots.port}`);
      const target = {
        endpoint: ots.endpoint,
        instanceName: ots.instanceName,
        accessKeyId: expectedId,
        accessKeySecret: expectedSecret,
      };
      await expect(makeClient(target).listTable({})).resolves.toMatchObject({ tableNames: [] });
      await expectOtsError(makeClient(target, { accessKeySecret: 'not-the-dev-secret' }).listTable({}), 'OTSAuthFailed', 403);
    } finally {
      await ots.stop();
    }
  });

  it('accepts only the configured key pair and instance when given explicitly', async () => {
    const ots = await startOtsLocal({
      port: 0,
      memory: true,
      log: () => {},
      instanceName: 'inst_custom',
      accessKeyId: 'AK_custom',
      accessKeySecret: 'SK_custom',
    });
    try {
      const target = {
        endpoint: ots.endpoint,
        instanceName: 'inst_custom',
        accessKeyId: 'AK_custom',
        accessKeySecret: 'SK_custom',
      };
      await expect(makeClient(target).listTable({})).resolves.toBeDefined();
      await expectOtsError(
        makeClient(target, { accessKeyId: 'dev-access-key-id', accessKeySecret: 'dev-access-key-secret' }).listTable({}),
        'OTSAuthFailed',
        403,
      );
      await expectOtsError(makeClient(target, { instanceName: 'retail-dev' }).listTable({}), 'OTSAuthFailed', 403);
    } finally {
      await ots.stop();
    }
  });
});
