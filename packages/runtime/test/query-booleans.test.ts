import 'reflect-metadata';
import { IsBoolean, IsInt, IsOptional, Min } from 'class-validator';
import { pino } from 'pino';
import { GET, Path } from 'typescript-rest';
import { describe, expect, it } from 'vitest';
import { createApp, QueryDto } from '../src/index.js';

class StoresQuery {
  @IsOptional() @IsBoolean() open?: boolean;
  @IsOptional() @IsInt() @Min(1) limit: number = 20;
}

@Path('/stores')
class StoresController {
  @GET
  list(@QueryDto() query: StoresQuery) {
    return { open: query.open ?? null, openType: typeof query.open, limit: query.limit };
  }
}

const app = createApp({ name: 'stores', controllers: [new StoresController()], logger: pino({ enabled: false }) });

const get = async (query: string) => {
  const response = await app.handle({ method: 'GET', path: '/stores', query, headers: {}, body: undefined });
  return { status: response.status, json: JSON.parse(response.body) as Record<string, unknown> };
};

describe('a @QueryDto() boolean through createApp', () => {
  it('reaches the handler as the boolean the caller wrote', async () => {
    expect(await get('open=false')).toStrictEqual({ status: 200, json: { open: false, openType: 'boolean', limit: 20 } });
    expect(await get('open=true&limit=5')).toStrictEqual({ status: 200, json: { open: true, openType: 'boolean', limit: 5 } });
    expect(await get('')).toStrictEqual({ status: 200, json: { open: null, openType: 'undefined', limit: 20 } });
  });

  it('is a 400 naming open for anything but true or false', async () => {
    for (const query of ['open=maybe', 'open=', 'open=FALSE', 'open=0', 'open=true&open=false']) {
      const res = await get(query);
      expect(res.status, query).toBe(400);
      expect(res.json, query).toMatchObject({
        code: 'validation-failed',
        errors: [{ field: 'open', messages: ['open must be a boolean value'] }],
      });
    }
  });
});
