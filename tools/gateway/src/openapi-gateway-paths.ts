/** The gateway's own endpoints in the merged OpenAPI document (tools/gateway README, API.md). */
import { adminBodyRefusals, signedRefusals } from './openapi-gateway.js';

type Json = { [key: string]: unknown };

const json = (schema: Json) => ({ 'application/json': { schema } });
const unsigned = { security: [] as unknown[], tags: ['gateway'] };

export function gatewayPaths(): Record<string, Json> {
  const admin = { tags: ['gateway'], 'x-admin-only': true };
  return {
    '/_gateway/health': {
      get: {
        ...unsigned,
        operationId: 'gateway.health',
        summary: 'Whether every function can take requests (no signature).',
        responses: {
          200: {
            description: '`degraded` when any function is down or not configured.',
            content: json({
              type: 'object',
              required: ['status', 'functions'],
              properties: {
                status: { enum: ['ok', 'degraded'] },
                functions: { type: 'object', additionalProperties: { enum: ['ready', 'down'] } },
              },
            }),
          },
        },
      },
    },
    '/_gateway/metrics': {
      get: {
        ...unsigned,
        operationId: 'gateway.metrics',
        summary: 'Prometheus metrics (no signature).',
        responses: {
          200: { description: 'Prometheus text format 0.0.4.', content: { 'text/plain': { schema: { type: 'string' } } } },
        },
      },
    },
    '/_gateway/openapi.json': {
      get: {
        ...unsigned,
        operationId: 'gateway.openapi',
        summary: "This document: every running function's paths merged, with the gateway's own (no signature).",
        responses: { 200: { description: 'An OpenAPI 3.1 document.', content: json({ type: 'object' }) } },
      },
    },
    '/_gateway/channels': {
      get: {
        ...admin,
        operationId: 'gateway.listChannels',
        summary: "Every channel app's flow-control limit and its rate in the last second (admin).",
        responses: {
          200: {
            description: 'The channel apps, by name.',
            content: json({
              type: 'object',
              required: ['items', 'nextCursor'],
              properties: {
                items: {
                  type: 'array',
                  items: {
                    type: 'object',
                    required: ['channel', 'rps', 'burst', 'currentRps'],
                    properties: {
                      channel: { type: 'string' },
                      rps: { type: 'integer' },
                      burst: { type: 'integer' },
                      currentRps: { type: 'integer', minimum: 0 },
                    },
                  },
                },
                nextCursor: { type: 'null' },
              },
            }),
          },
          ...signedRefusals(true),
        },
      },
    },
    '/_gateway/channels/{channel}/throttle': {
      put: {
        ...admin,
        operationId: 'gateway.setThrottle',
        summary: "Changes a channel app's flow-control limit at run time, without restart (admin).",
        parameters: [{ name: 'channel', in: 'path', required: true, schema: { type: 'string' } }],
        requestBody: { required: true, content: json({ $ref: '#/components/schemas/Throttle' }) },
        responses: {
          200: {
            description: 'The new limit.',
            content: json({
              type: 'object',
              required: ['channel', 'rps', 'burst'],
              properties: { channel: { type: 'string' }, rps: { type: 'integer' }, burst: { type: 'integer' } },
            }),
          },
          ...adminBodyRefusals(),
        },
      },
    },
  };
}
