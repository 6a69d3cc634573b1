import { describe, expect, it } from 'vitest';
import { TablestoreConfigError, createTablestoreClient, tablestoreConfigFromEnv } from '../../src/index.js';

const base = { OTS_ENDPOINT: 'http://127.0.0.1:8800', OTS_INSTANCE: 'retail-dev' };

describe('tablestoreConfigFromEnv', () => {
  it('uses our own key pair when set', () => {
    const c = tablestoreConfigFromEnv({
      ...base,
      OTS_ACCESS_KEY_ID: 'id',
      OTS_ACCESS_KEY_SECRET: 'secret',
      ALIBABA_CLOUD_SECURITY_TOKEN: 'tok',
    });
    expect(c).toEqual({
      endpoint: base.OTS_ENDPOINT,
      instanceName: 'retail-dev',
      accessKeyId: 'id',
      accessKeySecret: 'secret',
      securityToken: undefined,
    });
  });

  it("uses Function Compute's STS credentials otherwise", () => {
    const c = tablestoreConfigFromEnv({
      ...base,
      ALIBABA_CLOUD_ACCESS_KEY_ID: 'STS.id',
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'sts-secret',
      ALIBABA_CLOUD_SECURITY_TOKEN: 'token',
    });
    expect(c).toMatchObject({ accessKeyId: 'STS.id', accessKeySecret: 'sts-secret', securityToken: 'token' });
  });

  it('names every missing variable', () => {
    expect(() => tablestoreConfigFromEnv({})).toThrow(TablestoreConfigError);
    expect(() => tablestoreConfigFromEnv({})).toThrow(/OTS_ENDPOINT is not set; OTS_INSTANCE is not set; no access key/);
    expect(() => tablestoreConfigFromEnv({ ...base, OTS_ACCESS_KEY_ID: 'id' })).toThrow(/OTS_ACCESS_KEY_SECRET is not set/);
    expect(() => tablestoreConfigFromEnv({ ...base, ALIBABA_CLOUD_ACCESS_KEY_ID: 'id' })).toThrow(
      /ALIBABA_CLOUD_ACCESS_KEY_SECRET is not set/,
    );
    expect(() =>
      tablestoreConfigFromEnv({ ...base, OTS_INSTANCE: '  ', OTS_ACCESS_KEY_ID: 'a', OTS_ACCESS_KEY_SECRET: 'b' }),
    ).toThrow(/^Tablestore configuration: OTS_INSTANCE is not set$/);
    expect(() =>
      tablestoreConfigFromEnv({ ...base, OTS_ENDPOINT: 'ots.example', OTS_ACCESS_KEY_ID: 'a', OTS_ACCESS_KEY_SECRET: 'b' }),
    ).toThrow(/http\(s\) URL/);
  });
});

describe('createTablestoreClient', () => {
  it('checks a config built in code', () => {
    expect(() => createTablestoreClient({ endpoint: '', instanceName: 'i', accessKeyId: 'a', accessKeySecret: 'b' })).toThrow(
      /endpoint is missing/,
    );
    expect(() =>
      createTablestoreClient({
        endpoint: 'http://x',
        instanceName: 'i',
        accessKeyId: 'a',
        accessKeySecret: 'b',
        requestTimeoutMs: 0,
      }),
    ).toThrow(/requestTimeoutMs/);
    const c = createTablestoreClient({
      endpoint: 'https://x.cn-hangzhou.ots.aliyuncs.com',
      instanceName: 'i',
      accessKeyId: 'a',
      accessKeySecret: 'b',
    });
    expect(c.instanceName).toBe('i');
    c.close();
  });
});
