/** The charts as SVG, rendered in Node by ECharts itself (server-side rendering, no browser). */
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkAreaComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

use([LineChart, GridComponent, LegendComponent, MarkAreaComponent, TitleComponent, TooltipComponent, SVGRenderer]);

/**
 * One chart's option as an SVG document.
 *
 * @example
 * writeFileSync('requests.svg', renderSvg(requestsChart(report)));
 */
export function renderSvg(option: Record<string, unknown>, width = 960, height = 420): string {
  const chart = init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption(option);
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
