/** The observability endpoints in the merged OpenAPI document (issue 7; tools/gateway README). */
import { METRICS } from '@retail/observe';
import { refusalResponse, signedRefusals } from './openapi-gateway.js';

type Json = { [key: string]: unknown };

const admin = { tags: ['gateway'], 'x-admin-only': true, 'x-open-in-dev': true };
const query = (name: string, description: string, schema: Json = { type: 'string' }) => ({
  name,
  in: 'query',
  required: false,
  description,
  schema,
});
const TIME = '`10m`, `2h`, `30s` ago, or an ISO-8601 time.';
const labels = { type: 'object', additionalProperties: { type: 'string' } };
const invalid = {
  400: refusalResponse(400, ['invalid-app-key', 'invalid-signature', 'timestamp-expired', 'nonce-used', 'validation-failed']),
};
const ok = (description: string, schema: Json) => ({ 200: { description, content: { 'application/json': { schema } } } });

/** `GET /_gateway/logs`, `/_gateway/series` and `/_gateway/alarms`. */
export function observePaths(): Record<string, Json> {
  return {
    '/_gateway/logs': {
      get: {
        ...admin,
        operationId: 'gateway.logs',
        summary: "The functions' and the gateway's log lines, newest first (admin; unsigned in dev).",
        parameters: [
          query('since', TIME),
          query('until', TIME),
          query('function', 'Function name.'),
          query('route', 'A route or a prefix of it (`/members` finds `/members/:id`).'),
          query('channel', 'Channel app.'),
          query('status', '`5xx` (with error lines), `4xx`, `2xx`, or a code.', {
            type: 'string',
            pattern: '^([1-5]xx|[1-5]\\d\\d)$',
          }),
          query('minLatencyMs', 'Lines with `latencyMs` at least this.', { type: 'number', minimum: 0 }),
          query('requestId', 'One request.'),
          query('q', 'Free text, case-insensitive.'),
          query('limit', 'Lines per page.', { type: 'integer', minimum: 1, maximum: 1000, default: 100 }),
          query('cursor', '`nextCursor` of the previous page.'),
        ],
        responses: {
          ...ok('Log lines: `time` (epoch ms), `source` (`function` or `gateway`) and the fields their writer gave.', {
            type: 'object',
            required: ['items', 'nextCursor'],
            properties: { items: { type: 'array', items: { type: 'object' } }, nextCursor: { type: ['string', 'null'] } },
          }),
          ...signedRefusals(true),
          ...invalid,
        },
      },
    },
    '/_gateway/series': {
      get: {
        ...admin,
        operationId: 'gateway.series',
        summary: 'One metric at one-second resolution over the last hour at most (admin; unsigned in dev).',
        parameters: [
          { ...query('metric', 'What to show.', { enum: Object.keys(METRICS) }), required: true },
          query('by', 'One series per value of this label (instance metrics: function only).', {
            enum: ['function', 'route', 'channel'],
          }),
          query('function', 'Only this function.'),
          query('route', 'Only this route prefix.'),
          query('channel', 'Only this channel app.'),
          query('since', `${TIME} Default 15m.`),
          query('until', TIME),
          query('step', 'Seconds per point.', { type: 'integer', minimum: 1, maximum: 3600, default: 1 }),
        ],
        responses: {
          ...ok('Points `[epochMs, value]` of complete seconds; rates per second, latencies in ms, ratios 0..1.', {
            type: 'object',
            required: ['metric', 'step', 'series'],
            properties: {
              metric: { type: 'string' },
              step: { type: 'integer' },
              series: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['labels', 'points'],
                  properties: {
                    labels,
                    points: { type: 'array', items: { type: 'array', prefixItems: [{ type: 'number' }, { type: 'number' }] } },
                  },
                },
              },
            },
          }),
          ...signedRefusals(true),
          ...invalid,
        },
      },
    },
    '/_gateway/alarms': {
      get: {
        ...admin,
        operationId: 'gateway.alarms',
        summary: 'Alarm rules, the alarms firing now and the latest 100 events (admin; unsigned in dev).',
        responses: {
          ...ok('Webhook URLs are shown without their query.', {
            type: 'object',
            required: ['rules', 'firing', 'events'],
            properties: {
              rules: { type: 'array', items: { type: 'object' } },
              firing: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['rule', 'labels', 'value', 'since'],
                  properties: {
                    rule: { type: 'string' },
                    labels,
                    value: { type: ['number', 'null'] },
                    since: { type: 'string', format: 'date-time' },
                  },
                },
              },
              events: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['rule', 'state', 'labels', 'value', 'at'],
                  properties: {
                    rule: { type: 'string' },
                    state: { enum: ['firing', 'resolved'] },
                    labels,
                    value: { type: ['number', 'null'] },
                    at: { type: 'string', format: 'date-time' },
                  },
                },
              },
            },
          }),
          ...signedRefusals(true),
          ...invalid,
        },
      },
    },
  };
}
