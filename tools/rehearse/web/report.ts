/**
 * The report page's script: draws the charts from the data the page carries (the same options
 * as the SVG files), with ECharts bundled in, so the page works offline from disk.
 */
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkAreaComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { CHARTS } from '../src/report/charts.js';
import type { RehearsalReport } from '../src/report/types.js';

use([LineChart, GridComponent, LegendComponent, MarkAreaComponent, TitleComponent, TooltipComponent, CanvasRenderer]);

const report = JSON.parse(document.getElementById('rehearsal-data')?.textContent ?? '{}') as RehearsalReport;
for (const [name, build] of Object.entries(CHARTS)) {
  const box = document.getElementById(`chart-${name}`);
  if (box) init(box).setOption(build(report));
}
