/** The FC 3.0 HTTP-trigger event (built-in runtimes), as documented for `nodejs20`. */
export interface FcHttpEvent {
  version?: string;
  rawPath: string;
  body?: string;
  isBase64Encoded?: boolean;
  headers?: Record<string, string>;
  queryParameters?: Record<string, string>;
  requestContext: {
    requestId?: string;
    http: { method: string; path?: string; sourceIp?: string };
  };
}

/** What the handler returns to FC for an HTTP trigger. */
export interface FcHttpResult {
  statusCode: number;
  headers: Record<string, string>;
  isBase64Encoded: boolean;
  body: string;
}

/** The parts of FC's `context` the runtime uses. */
export interface FcContext {
  requestId?: string;
  credentials?: { accessKeyId: string; accessKeySecret: string; securityToken?: string };
  function?: { name?: string; timeout?: number };
}
