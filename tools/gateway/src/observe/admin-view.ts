/** The gateway's own pages and data endpoints that only operators use. */
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * A page or data endpoint of the gateway itself: admin-only outside dev; in dev (`production`
 * false) it also answers unsigned requests, so that a browser can load it.
 */
export interface AdminView {
  /** Whether a request path is this view's. */
  matches(path: string): boolean;
  /** Answers the request (the gateway has already checked who may call). */
  serve(req: IncomingMessage, res: ServerResponse): void | Promise<void>;
}

/**
 * The route a view's request is counted and logged under: its first two segments
 * (`/_gateway/dashboard/app.js` -> `/_gateway/dashboard`).
 *
 * @example
 * viewRoute('/_gateway/logs') // '/_gateway/logs'
 */
export function viewRoute(path: string): string {
  return path.split('/').slice(0, 3).join('/');
}
