import type { RouteDefinition } from '../rest/routes.js';
import { openApiPath, operationOf } from './operation.js';
import { PROBLEM_SCHEMAS } from './problems.js';
import type { OpenApiDocument, OpenApiPathItem } from './types.js';

/** What the generator reads of an app: its name and its routes (an `App` has both). */
export interface DocumentedApp {
  name: string;
  routes: readonly RouteDefinition[];
}

export interface OpenApiInfo {
  /** Default `<name> function`. */
  title?: string;
  /** Default `1.0.0`. */
  version?: string;
  description?: string;
}

/**
 * A function's OpenAPI 3.1 document, generated from what the runtime already reads to serve it:
 * typescript-rest's routes, `@QueryDto`/body DTO classes, `@Idempotent`, class-validator and
 * class-transformer metadata, and the `@Returns`/`@Refuses` declarations of each route.
 *
 * @example
 * const document = openApiDocument(createMemberApp(deps));
 * document.paths['/members/{id}'].get.responses['200'];
 */
export function openApiDocument(app: DocumentedApp, info: OpenApiInfo = {}): OpenApiDocument {
  const paths: Record<string, OpenApiPathItem> = {};
  for (const route of app.routes) {
    const path = openApiPath(route.path);
    const item = (paths[path] ??= {});
    item[route.method.toLowerCase() as keyof OpenApiPathItem] = operationOf(app.name, route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: info.title ?? `${app.name} function`,
      version: info.version ?? '1.0.0',
      ...(info.description ? { description: info.description } : {}),
    },
    tags: [{ name: app.name }],
    paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    components: { schemas: structuredClone(PROBLEM_SCHEMAS) },
  };
}

/** The document as the custom runtime serves it, built on first use and kept. */
export function openApiJson(app: DocumentedApp): string {
  let cached = served.get(app);
  if (cached === undefined) {
    cached = JSON.stringify(openApiDocument(app));
    served.set(app, cached);
  }
  return cached;
}

const served = new WeakMap<DocumentedApp, string>();
