import parameters from 'typescript-rest/dist/decorators/parameters.js';
import { QUERY_DTO } from './arguments.js';

const { QueryParam } = parameters as unknown as { QueryParam(name: string): ParameterDecorator };

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
