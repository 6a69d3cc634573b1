/**
 * ECharts, only the parts the page uses (line charts on a canvas), so the bundle stays small.
 */
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import { init, use, type EChartsType } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { baseOption, chartData } from './options.js';
import type { SeriesResponse } from './contract.js';
import type { Panel } from './panels.js';

use([LineChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, CanvasRenderer]);

/** A panel's chart in `container`. */
export function createChart(panel: Panel, container: HTMLElement): EChartsType {
  const chart = init(container, undefined, { renderer: 'canvas' });
  chart.setOption(baseOption(panel));
  return chart;
}

/** Replaces a chart's series with the latest answers. */
export function updateChart(
  chart: EChartsType,
  panel: Panel,
  answers: readonly SeriesResponse[],
  range: readonly [number, number],
): void {
  chart.setOption({ ...chartData(panel, answers, range) }, { replaceMerge: ['series'] });
}
