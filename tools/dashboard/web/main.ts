/**
 * The dashboard page: one chart per panel and the two lists, refreshed every second from the
 * observability endpoints of the gateway that served the page.
 */
import type { EChartsType } from 'echarts/core';
import { createChart, updateChart } from './charts.js';
import type { AlarmsResponse, LogsResponse, SeriesResponse } from './contract.js';
import { renderAlarms, renderErrors } from './lists.js';
import { windowMs } from './options.js';
import { PANELS, seriesUrl } from './panels.js';
import './dashboard.css';

/** What the page exposes for tests and curious operators (`window.retailDashboard` in the console). */
export interface DashboardState {
  charts: Record<string, EChartsType>;
  /** Completed refreshes. */
  refreshes: number;
  /** The last refresh's failure, if it failed. */
  lastError: string | null;
}

declare global {
  interface Window {
    retailDashboard: DashboardState;
  }
}

const POLL_MS = 1000;
const api = document.body.dataset.api ?? '/_gateway';
const windowSelect = document.getElementById('window') as HTMLSelectElement;
const status = document.getElementById('status') as HTMLElement;
const grid = document.getElementById('charts') as HTMLElement;

const state: DashboardState = { charts: {}, refreshes: 0, lastError: null };
window.retailDashboard = state;

for (const panel of PANELS) {
  const box = document.createElement('div');
  box.className = 'chart';
  box.id = `chart-${panel.id}`;
  grid.append(box);
  state.charts[panel.id] = createChart(panel, box);
}
window.addEventListener('resize', () => Object.values(state.charts).forEach((chart) => chart.resize()));

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return (await response.json()) as T;
}

async function refresh(): Promise<void> {
  const since = windowSelect.value;
  const answers = await Promise.all(
    PANELS.map((panel) => Promise.all(panel.queries.map((query) => getJson<SeriesResponse>(seriesUrl(query, since, api))))),
  );
  const now = Date.now();
  const range = [now - windowMs(since), now] as const;
  PANELS.forEach((panel, i) => updateChart(state.charts[panel.id] as EChartsType, panel, answers[i] ?? [], range));
  const [alarms, errors] = await Promise.all([
    getJson<AlarmsResponse>(`${api}/alarms`),
    getJson<LogsResponse>(`${api}/logs?since=${since}&status=5xx&limit=20`),
  ]);
  renderAlarms(alarms, document.getElementById('firing') as HTMLElement, document.getElementById('events') as HTMLElement);
  renderErrors(errors, document.getElementById('error-lines') as HTMLElement, api);
}

// One refresh at a time: a slow gateway gets fewer polls, not a pile of them.
async function loop(): Promise<void> {
  const started = Date.now();
  try {
    await refresh();
    state.refreshes++;
    state.lastError = null;
    status.textContent = `updated ${new Date().toLocaleTimeString([], { hour12: false })}`;
    status.className = 'ok';
  } catch (error) {
    state.lastError = error instanceof Error ? error.message : String(error);
    status.textContent = `refresh failed: ${state.lastError}`;
    status.className = 'failed';
  }
  setTimeout(() => void loop(), Math.max(0, POLL_MS - (Date.now() - started)));
}

void loop();
