export {
  createDashboardHandler,
  DASHBOARD_PATH,
  isDashboardPath,
  serveDashboard,
  type DashboardHandler,
  type DashboardOptions,
} from './handler.js';
export { dashboardPage, WINDOWS } from './page.js';
export { ASSETS_DIR } from './assets.js';
export { pageStatus, shownSeries, type EvaluatingPage, type PageStatus, type ShownSeries } from './probe.js';
