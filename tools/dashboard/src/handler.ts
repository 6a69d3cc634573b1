/**
 * The dashboard's request handler: the page at the mount path and its two assets under it. The
 * gateway decides who may call it (admin-only outside dev) before handing the request over.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { assetReader, ASSETS_DIR, ASSET_TYPES } from './assets.js';
import { dashboardPage } from './page.js';

/** Where the gateway mounts the dashboard. */
export const DASHBOARD_PATH = '/_gateway/dashboard';

/** Options of {@link createDashboardHandler}. */
export interface DashboardOptions {
  /** The page's path; its assets are under it. Default {@link DASHBOARD_PATH}. */
  mountPath?: string;
  /** Where the page reads series, logs and alarms. Default `/_gateway`. */
  apiBase?: string;
  /** The built assets. Default: this package's dist/web. */
  assetsDir?: string;
}

/** Handles a request whose path is the mount path or under it. */
export type DashboardHandler = (req: IncomingMessage, res: ServerResponse) => void;

// Everything the page loads comes from the gateway itself: no CDN, no inline script.
const PAGE_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'",
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
};

function problem(res: ServerResponse, status: number, code: string, detail: string, headers: Record<string, string> = {}): void {
  const title = { 404: 'Not Found', 405: 'Method Not Allowed', 503: 'Service Unavailable' }[status] ?? 'Error';
  res.writeHead(status, { 'content-type': 'application/problem+json', ...headers });
  res.end(JSON.stringify({ type: 'about:blank', title, status, detail, code }));
}

/**
 * Builds the dashboard handler.
 *
 * @example
 * const dashboard = createDashboardHandler();
 * createServer((req, res) => (isDashboardPath(pathOf(req)) ? dashboard(req, res) : other(req, res)));
 */
export function createDashboardHandler(options: DashboardOptions = {}): DashboardHandler {
  const mountPath = options.mountPath ?? DASHBOARD_PATH;
  const html = Buffer.from(dashboardPage(mountPath, options.apiBase ?? '/_gateway'));
  const read = assetReader(options.assetsDir ?? ASSETS_DIR);
  return (req, res) => {
    const url = req.url ?? '/';
    const path = url.split('?', 1)[0] ?? '/';
    const method = req.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD') {
      return problem(res, 405, 'method-not-allowed', `The dashboard answers GET only, not ${method}.`, { allow: 'GET, HEAD' });
    }
    const send = (type: string, body: Buffer) => {
      res.writeHead(200, { 'content-type': type, 'content-length': String(body.length), ...PAGE_HEADERS });
      res.end(method === 'HEAD' ? undefined : body);
    };
    if (path === mountPath || path === `${mountPath}/`) return send('text/html; charset=utf-8', html);
    const name = path.slice(mountPath.length + 1);
    const type = ASSET_TYPES[name];
    if (!path.startsWith(`${mountPath}/`) || !type) return problem(res, 404, 'not-found', `No dashboard file ${path}.`);
    read(name).then(
      (body) =>
        body
          ? send(type, body)
          : problem(res, 503, 'dashboard-not-built', `${name} is not built: run pnpm --filter @retail/dashboard build.`),
      () => problem(res, 503, 'dashboard-not-built', `${name} could not be read.`),
    );
  };
}

/** Whether a request path is the dashboard's (the page or a file under it). */
export function isDashboardPath(path: string, mountPath = DASHBOARD_PATH): boolean {
  return path === mountPath || path.startsWith(`${mountPath}/`);
}

/** The handler with the defaults, for the gateway's routing line. */
export const serveDashboard: DashboardHandler = createDashboardHandler();
