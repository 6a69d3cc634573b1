import { createRequire } from 'node:module';
import { QUERY_DTO } from './arguments.js';

const { QueryParam } = createRequire(import.meta.url)('typescript-rest/dist/decorators/parameters') as {
  QueryParam(name: string): ParameterDecorator;
};

/**
 * Takes the whole query string as one class-validator DTO (typescript-rest's own `@QueryParam`
 * under a reserved name), so query values are validated like bodies.
 *
 * @example
 * @GET list(@QueryDto() query: ListQuery) { ... }
 */
export function QueryDto(): ParameterDecorator {
  return QueryParam(QUERY_DTO);
}
