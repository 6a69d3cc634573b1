/**
 * Reading the live page from a browser driver (playwright-core's `Page`, or anything with the same
 * `evaluate`): what each chart shows now. Used by the browser tests here and in @retail/rehearse.
 */

/** The part of a browser page the probe needs. */
export interface EvaluatingPage {
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
}

/** A chart's series as the page holds them: name and `[epochMs, value]` points. */
export interface ShownSeries {
  name: string;
  points: Array<[number, number]>;
}

/** What the page reports about itself (`window.retailDashboard`). */
export interface PageStatus {
  refreshes: number;
  lastError: string | null;
  charts: string[];
}

/**
 * The series a chart of the open dashboard shows.
 *
 * @example
 * const series = await shownSeries(page, 'flowByFunction');
 * series.find((s) => s.name === 'member')?.points.some(([, v]) => v > 0);
 */
export function shownSeries(page: EvaluatingPage, chartId: string): Promise<ShownSeries[]> {
  return page.evaluate((id: string) => {
    const state = (window as unknown as { retailDashboard?: { charts: Record<string, { getOption(): unknown }> } })
      .retailDashboard;
    const chart = state?.charts[id];
    if (!chart) return [];
    const option = chart.getOption() as { series?: Array<{ name?: string; data?: Array<[number, number]> }> };
    return (option.series ?? []).map((s) => ({ name: String(s.name ?? ''), points: s.data ?? [] }));
  }, chartId);
}

/**
 * How many refreshes the page has done, its last error, and its charts' ids.
 *
 * @example
 * await pageStatus(page) // { refreshes: 3, lastError: null, charts: ['flowByFunction', ...] }
 */
export function pageStatus(page: EvaluatingPage): Promise<PageStatus> {
  return page.evaluate(() => {
    const state = (
      window as unknown as { retailDashboard?: { refreshes: number; lastError: string | null; charts: Record<string, unknown> } }
    ).retailDashboard;
    return { refreshes: state?.refreshes ?? 0, lastError: state?.lastError ?? null, charts: Object.keys(state?.charts ?? {}) };
  }, undefined);
}
