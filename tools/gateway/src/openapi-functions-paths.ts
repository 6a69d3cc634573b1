/** The instance-fault endpoints in the merged OpenAPI document (issue 9; tools/gateway README, "Instance faults"). */
import { adminBodyRefusals } from './openapi-gateway.js';

type Json = { [key: string]: unknown };

const admin = { tags: ['gateway'], 'x-admin-only': true };
const fn = { name: 'function', in: 'path', required: true, schema: { type: 'string', pattern: '^[a-z][a-z0-9-]*$' } };
const json = (schema: Json) => ({ 'application/json': { schema } });
const state = {
  type: 'object',
  required: ['function', 'killProbability', 'seed', 'killWithinMs', 'killed', 'doomed'],
  properties: {
    function: { type: 'string' },
    killProbability: { type: 'number', minimum: 0, maximum: 1 },
    seed: { type: 'integer', minimum: 0 },
    killWithinMs: { type: 'integer', minimum: 0, maximum: 60_000 },
    killed: { type: 'integer', minimum: 0, description: 'Instances killed by these faults, on demand or by the rule.' },
    doomed: { type: 'integer', minimum: 0, description: 'Requests the rule picked to die with their instance.' },
  },
};
const refusals = adminBodyRefusals();
const stateAnswer = (description: string) => ({ 200: { description, content: json(state) }, ...refusals });

/**
 * `POST /_gateway/functions/{function}/kill` and `GET | PUT | DELETE /_gateway/functions/{function}/faults`.
 *
 * @example
 * Object.keys(functionsPaths()) // ['/_gateway/functions/{function}/kill', '/_gateway/functions/{function}/faults']
 */
export function functionsPaths(): Record<string, Json> {
  return {
    '/_gateway/functions/{function}/kill': {
      post: {
        ...admin,
        operationId: 'gateway.killInstances',
        summary: "Kills the function's busiest instance, or all of them, as a crash (admin).",
        parameters: [fn],
        requestBody: {
          required: true,
          content: json({
            type: 'object',
            required: ['instances'],
            additionalProperties: false,
            properties: { instances: { enum: ['one', 'all'] } },
          }),
        },
        responses: {
          200: {
            description: 'The instances killed; their requests in flight got `502`.',
            content: json({
              type: 'object',
              required: ['function', 'killed'],
              properties: { function: { type: 'string' }, killed: { type: 'array', items: { type: 'string' } } },
            }),
          },
          ...refusals,
        },
      },
    },
    '/_gateway/functions/{function}/faults': {
      get: {
        ...admin,
        operationId: 'gateway.instanceFaults',
        summary: 'The per-request kill rule and its counters (admin).',
        parameters: [fn],
        responses: stateAnswer('The rule and counters.'),
      },
      put: {
        ...admin,
        operationId: 'gateway.setInstanceFaults',
        summary: "Kills the instance of a share of the function's requests while they run (admin).",
        parameters: [fn],
        requestBody: {
          required: true,
          content: json({
            type: 'object',
            required: ['killProbability'],
            additionalProperties: false,
            properties: {
              killProbability: state.properties.killProbability,
              seed: state.properties.seed,
              killWithinMs: state.properties.killWithinMs,
            },
          }),
        },
        responses: stateAnswer('The new rule.'),
      },
      delete: {
        ...admin,
        operationId: 'gateway.clearInstanceFaults',
        summary: 'No more per-request kills (admin).',
        parameters: [fn],
        responses: stateAnswer('The rule, off; counters kept.'),
      },
    },
  };
}
