// <logwarden-echart>: renders an Apache ECharts option given as a JSON string in the `option` property.
// After each render it sets data-rendered="<number of data points>" and data-legend="[names]" so tests and users
// can tell it drew.
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart, ScatterChart, GaugeChart } from 'echarts/charts';
import {
  DataZoomComponent, GridComponent, LegendComponent, MarkAreaComponent, MarkLineComponent,
  TitleComponent, ToolboxComponent, TooltipComponent, BrushComponent,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([
  BarChart, LineChart, PieChart, ScatterChart, GaugeChart, DataZoomComponent, GridComponent, LegendComponent,
  MarkAreaComponent, MarkLineComponent, TitleComponent, ToolboxComponent, TooltipComponent, BrushComponent,
  CanvasRenderer,
]);

class LogwardenEChart extends HTMLElement {
  private chart?: echarts.ECharts;
  private optionJson = '';
  private resizeObserver?: ResizeObserver;

  set option(value: string) {
    this.optionJson = value;
    this.render();
  }

  get option(): string {
    return this.optionJson;
  }

  connectedCallback() {
    // A value set before the element was defined shadows the setter: take it over.
    if (Object.prototype.hasOwnProperty.call(this, 'option')) {
      const value = (this as any).option as string;
      delete (this as any).option;
      this.optionJson = value;
    }
    this.style.display = 'block';
    this.chart = echarts.init(this, undefined, { renderer: 'canvas' });
    this.chart.on('click', (params: any) => {
      this.dispatchEvent(new CustomEvent('chart-click', {
        detail: { name: String(params.name ?? ''), seriesName: String(params.seriesName ?? ''),
                  value: JSON.stringify(params.value ?? null) },
      }));
    });
    // Click-drag over an x range (ECharts brush, lineX): tell the server the range in axis values.
    this.chart.on('brushEnd', (params: any) => {
      const range = params.areas?.[0]?.coordRange;
      if (Array.isArray(range) && range.length === 2) {
        this.dispatchEvent(new CustomEvent('chart-brush', {
          detail: { from: Math.round(Number(range[0])), to: Math.round(Number(range[1])) },
        }));
      }
    });
    this.resizeObserver = new ResizeObserver(() => this.chart?.resize());
    this.resizeObserver.observe(this);
    this.render();
  }

  disconnectedCallback() {
    this.resizeObserver?.disconnect();
    this.chart?.dispose();
    this.chart = undefined;
  }

  private render() {
    if (!this.chart || !this.optionJson) {
      return;
    }
    const option = JSON.parse(this.optionJson);
    this.chart.setOption(option, true);
    if (option.brush) {
      // Make click-drag brush without first picking the brush tool.
      this.chart.dispatchAction({ type: 'takeGlobalCursor', key: 'brush',
        brushOption: { brushType: option.brush.brushType ?? 'lineX', brushMode: 'single' } });
    }
    const series = Array.isArray(option.series) ? option.series : option.series ? [option.series] : [];
    const points = series.reduce((n: number, s: any) => n + (Array.isArray(s.data) ? s.data.length : 0), 0);
    this.dataset.rendered = String(points);
    // The legend entries ECharts resolved, so tests and users can tell which series are shown.
    const legend = (this.chart.getOption() as any).legend;
    const entries = Array.isArray(legend) && legend[0] && Array.isArray(legend[0].data) ? legend[0].data : [];
    this.dataset.legend = JSON.stringify(entries.map((d: any) => (typeof d === 'string' ? d : d?.name)));
  }
}

customElements.define('logwarden-echart', LogwardenEChart);
