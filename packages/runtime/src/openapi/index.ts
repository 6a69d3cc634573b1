export { openApiDocument, openApiJson, type DocumentedApp, type OpenApiInfo } from './document.js';
export { Nullable, Refuses, Returns, type SchemaClass } from './decorators.js';
export { schemaOf, type SchemaDirection } from './schema-of.js';
export { PROBLEM_SCHEMAS } from './problems.js';
export type * from './types.js';
