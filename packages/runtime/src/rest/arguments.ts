import { ValidationError, type FieldProblem } from '@retail/core';
import { parse as parseQuery, type ParsedUrlQuery } from 'node:querystring';
import { HttpProblem } from '../http/http-problem.js';
import { problem } from '../http/problem.js';
import type { RuntimeRequest } from '../http/types.js';
import type { IdempotentAttempt } from '../idempotency/types.js';
import type { Logger } from '../observability/logger.js';
import { notBoolean, queryBoolean } from '../validation/query-booleans.js';
import { isDto, toDto } from '../validation/validate.js';
import { RequestContext } from './context.js';
import type { RouteDefinition } from './routes.js';

/** The name typescript-rest's `@QueryParam` carries for a whole-query DTO: see `QueryDto`. */
export const QUERY_DTO = '*';

/** One call's inputs. Its RequestContext is made only for handlers that ask for `@Context`. */
export class Invocation {
  query: ParsedUrlQuery | undefined;
  json: unknown;
  private made: RequestContext | undefined;

  constructor(
    readonly request: RuntimeRequest,
    readonly params: Record<string, string | undefined>,
    private readonly requestId: string,
    private readonly channel: string | undefined,
    private readonly logger: Logger,
    private readonly idempotency?: IdempotentAttempt,
  ) {}

  get context(): RequestContext {
    this.made ??= new RequestContext(this.request, this.requestId, this.channel, this.logger, this.idempotency);
    return this.made;
  }
}

type Resolver = (invocation: Invocation, problems: FieldProblem[]) => unknown;

const NUMBER = /^-?\d+(\.\d+)?$/;

/** Builds, once per route, the functions that produce each argument of its handler. */
export function argumentResolvers(route: RouteDefinition): Resolver[] {
  return route.parameters.map((param, index) => {
    const type = param.type ?? route.parameterTypes[index];
    switch (param.paramType) {
      case 'path':
        return (inv, problems) => scalar(inv.params[param.name], type, param.name, problems);
      case 'query':
        if (param.name === QUERY_DTO && isDto(type)) return (inv, problems) => dto(type, queryOf(inv), problems, true);
        return (inv, problems) => scalar(first(queryOf(inv)[param.name]), type, param.name, problems);
      case 'header': {
        const name = param.name.toLowerCase();
        return (inv) => inv.request.headers[name];
      }
      case 'body':
        if (isDto(type)) return (inv, problems) => dto(type, bodyOf(inv), problems, false);
        return (inv) => bodyOf(inv);
      default:
        if (param.paramType === 'context_request') return (inv) => inv.request;
        return (inv) => inv.context;
    }
  });
}

/** Resolves every argument, collecting the problems of all of them before refusing. */
export function resolveArguments(resolvers: Resolver[], invocation: Invocation): unknown[] {
  const problems: FieldProblem[] = [];
  const args = new Array<unknown>(resolvers.length);
  for (let i = 0; i < resolvers.length; i++) args[i] = resolvers[i]!(invocation, problems);
  if (problems.length > 0) throw new ValidationError(problems);
  return args;
}

function queryOf(inv: Invocation): ParsedUrlQuery {
  inv.query ??= parseQuery(inv.request.query);
  return inv.query;
}

function bodyOf(inv: Invocation): unknown {
  if (inv.json !== undefined) return inv.json;
  const body = inv.request.body;
  if (!body || body.length === 0) return undefined;
  const type = inv.request.headers['content-type'];
  if (type && !type.includes('json')) {
    throw new HttpProblem(problem(415, 'unsupported-media-type', `Send JSON (Content-Type: application/json), not '${type}'.`));
  }
  try {
    inv.json = JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw new HttpProblem(problem(400, 'invalid-json', `The body is not valid JSON: ${(error as Error).message}`));
  }
  return inv.json;
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Strict conversion: typescript-rest's parseFloat would read `12abc` as 12. */
function scalar(raw: string | undefined, type: unknown, name: string, problems: FieldProblem[]): unknown {
  if (raw === undefined) return undefined;
  if (type === Number) {
    if (NUMBER.test(raw)) return Number(raw);
    problems.push({ field: name, messages: [`${name} must be a number`] });
    return undefined;
  }
  if (type === Boolean) {
    const value = queryBoolean(raw);
    if (typeof value === 'boolean') return value;
    problems.push(notBoolean(name));
    return undefined;
  }
  return raw;
}

function dto(type: Parameters<typeof toDto>[0], input: unknown, problems: FieldProblem[], fromQuery: boolean): unknown {
  const result = toDto(type, input ?? (fromQuery ? {} : undefined), { fromQuery });
  if ('problems' in result) {
    problems.push(...result.problems);
    return undefined;
  }
  return result.value;
}
