/**
 * The page's HTML: a frame the bundled script fills (no inline script: the CSP allows only 'self').
 * An empty icon: a browser's own /favicon.ico request would reach the gateway as an unknown path.
 */

/** Windows the page offers, as `since` values of the series query. */
export const WINDOWS = ['5m', '1m', '15m', '1h'] as const;

/**
 * The dashboard page, its assets under `mountPath`, its data from `apiBase`.
 *
 * @example
 * dashboardPage('/_gateway/dashboard', '/_gateway') // '<!doctype html>...'
 */
export function dashboardPage(mountPath: string, apiBase: string): string {
  const options = WINDOWS.map((w) => `<option value="${w}">last ${w}</option>`).join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Retail platform dashboard</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${mountPath}/dashboard.css">
</head>
<body data-api="${apiBase}">
<header>
<h1>Retail platform</h1>
<label>window <select id="window">${options}</select></label>
<span id="status">loading</span>
<a href="${apiBase}/logs?since=10m">logs</a>
<a href="${apiBase}/alarms">alarms</a>
<a href="${apiBase}/metrics">metrics</a>
</header>
<main id="charts"></main>
<div class="lists">
<section id="alarms"><h2>Firing alarms</h2><ul id="firing"></ul><h2>Latest alarm events</h2><ul id="events"></ul></section>
<section id="errors"><h2>Latest errors (5xx)</h2><table><tbody id="error-lines"></tbody></table></section>
</div>
<script src="${mountPath}/dashboard.js"></script>
</body>
</html>
`;
}
