/** Types for the untyped official client (`aliyun-api-gateway` 1.1.6, lib/base.js and lib/client.js). */
declare module 'aliyun-api-gateway' {
  export interface RequestOptions {
    data?: unknown;
    query?: Record<string, unknown>;
    headers?: Record<string, string | number>;
    signHeaders?: Record<string, string>;
    timeout?: number;
  }

  /** What a refused call throws: `code` is the HTTP status. */
  export interface ClientError extends Error {
    code: number;
    data: { headers: Record<string, string | undefined> };
  }

  export class Client {
    constructor(key: string, secret: string, stage?: string);
    get(url: string, opts?: RequestOptions): Promise<unknown>;
    post(url: string, opts?: RequestOptions): Promise<unknown>;
    put(url: string, opts?: RequestOptions): Promise<unknown>;
    delete(url: string, opts: RequestOptions): Promise<unknown>;
    buildHeaders(headers: Record<string, unknown>, signHeaders: Record<string, unknown>): Record<string, unknown>;
    getSignHeaderKeys(headers: Record<string, unknown>, signHeaders: Record<string, unknown>): string[];
    getSignedHeadersString(signHeaders: string[], headers: Record<string, unknown>): string;
    buildStringToSign(
      method: string,
      headers: Record<string, unknown>,
      signedHeadersStr: string,
      url: unknown,
      data?: unknown,
    ): string;
    sign(stringToSign: string): string;
    md5(content: string | Buffer): string;
  }

  export const CONTENT_TYPE_FORM: string;
  export const CONTENT_TYPE_JSON: string;
}
