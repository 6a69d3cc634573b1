import containerModule from 'typescript-rest/dist/server/server-container.js';

/**
 * typescript-rest keeps what its decorators declare in a ServerContainer singleton that its index
 * does not export (typescript-rest 3.0.4, pinned: `dist/server/server-container.js`). We read it
 * once at start-up and never touch its Express path.
 */
export interface MethodParam {
  name: string;
  type: unknown;
  paramType: string;
}

export interface ServiceMethod {
  name: string;
  httpMethod: string;
  resolvedPath: string;
  parameters: MethodParam[];
}

export interface ServiceClass {
  targetClass: unknown;
  path: string;
  methods: Map<string, ServiceMethod>;
  properties: Map<string, { type: string; name: string; propertyType: unknown }>;
}

interface ServerContainer {
  serverClasses: Map<unknown, ServiceClass>;
  resolveAllPaths(): void;
  pathsResolved: boolean;
}

/** A static import, so bundlers inline the very module the decorators registered into. */
export function serverContainer(): ServerContainer {
  return (containerModule as unknown as { ServerContainer: { get(): ServerContainer } }).ServerContainer.get();
}
