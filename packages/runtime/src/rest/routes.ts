import { isIdempotent } from '../idempotency/idempotent.js';
import { serverContainer, type MethodParam, type ServiceClass } from './container.js';

/** One endpoint as the dispatcher serves it. */
export interface RouteDefinition {
  method: string;
  /** find-my-way pattern: `/members/:id`. */
  path: string;
  controller: object;
  handlerName: string;
  parameters: MethodParam[];
  /** Parameter types from `design:paramtypes`, by position. */
  parameterTypes: unknown[];
  /** Marked `@Idempotent()`: honours the Idempotency-Key header. */
  idempotent: boolean;
}

const SUPPORTED = new Set(['path', 'query', 'header', 'body', 'context', 'context_request']);

/**
 * Reads the routes of controller instances from typescript-rest's decorator metadata. Instances,
 * not classes: the app's composition root builds them with their dependencies, once.
 */
export function routesOf(controllers: readonly object[]): RouteDefinition[] {
  const container = serverContainer();
  container.pathsResolved = false;
  container.resolveAllPaths();
  return controllers.flatMap((controller) => {
    const service = findService(container.serverClasses, controller);
    return [...service.methods.entries()].map(([handlerName, method]) => {
      const unsupported = method.parameters.find((param) => !SUPPORTED.has(param.paramType));
      if (unsupported) {
        throw new Error(
          `${controller.constructor.name}.${handlerName}: @${unsupported.paramType} parameters are not supported by @retail/runtime.`,
        );
      }
      const parameterTypes =
        (Reflect.getMetadata('design:paramtypes', Object.getPrototypeOf(controller), handlerName) as unknown[]) ?? [];
      return {
        method: method.httpMethod.toUpperCase(),
        path: normalise(method.resolvedPath),
        controller,
        handlerName,
        parameters: method.parameters,
        parameterTypes,
        idempotent: isIdempotent(Object.getPrototypeOf(controller) as object, handlerName),
      };
    });
  });
}

function findService(classes: Map<unknown, ServiceClass>, controller: object): ServiceClass {
  for (let type = controller.constructor; type && type !== Object; type = Object.getPrototypeOf(type)) {
    const service = classes.get(type);
    if (service) return service;
  }
  throw new Error(`${controller.constructor.name} has no typescript-rest routes: decorate it with @Path and @GET/@POST/...`);
}

function normalise(path: string): string {
  const clean = `/${path}`.replace(/\/+/g, '/');
  return clean.length > 1 && clean.endsWith('/') ? clean.slice(0, -1) : clean;
}
