// <logwarden-echart>: renders an Apache ECharts option given as a JSON string in the `option` property.
// After each render it sets data-rendered="<number of data points>", data-legend="[names]",
// data-text-color="<the text colour ECharts resolved>" and data-anomalies="[ids of the anomaly overlays drawn]" so
// tests and users can tell what it drew.
// Clicks are sent to the server as a `chart-click` event: the clicked item (bar, slice, point, mark) with its
// series and value; a click on a line (not on a point: lines draw no symbols) carries the x-axis value under the
// pointer instead, so line charts are clickable everywhere along the line.
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart, ScatterChart, GaugeChart } from 'echarts/charts';
import {
  DataZoomComponent, GridComponent, LegendComponent, MarkAreaComponent, MarkLineComponent, MarkPointComponent,
  TitleComponent, ToolboxComponent, TooltipComponent, BrushComponent,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([
  BarChart, LineChart, PieChart, ScatterChart, GaugeChart, DataZoomComponent, GridComponent, LegendComponent,
  MarkAreaComponent, MarkLineComponent, MarkPointComponent, TitleComponent, ToolboxComponent, TooltipComponent,
  BrushComponent, CanvasRenderer,
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
    this.chart.on('click', (params: any) => this.clicked(params));
    this.chart.on('legendselectchanged', (params: any) => {
      this.dataset.legendSelected = JSON.stringify(params.selected ?? {});
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

  /** Pixel position (relative to the element) of a data point of a series, for tests that click a real point. */
  pixelOf(seriesName: string, dataIndex: number): number[] | null {
    const option = this.chart?.getOption() as any;
    const series = (option?.series ?? []).find((s: any) => s.name === seriesName);
    const point = series?.data?.[dataIndex];
    if (!this.chart || point == null) {
      return null;
    }
    const value = Array.isArray(point) ? point : point.value;
    if (!Array.isArray(value)) {
      return null;
    }
    // Bars are stacked: aim at the middle of the bar rather than its top.
    const y = series.type === 'bar' ? Number(value[1]) / 2 : Number(value[1]);
    return this.chart.convertToPixel({ seriesName }, [value[0], y]) as number[];
  }

  /** Centre (relative to the element) of a legend entry, for tests that click it. */
  legendItemCenter(name: string): number[] | null {
    const zr = (this.chart as any)?.getZr();
    const elements: any[] = zr ? zr.storage.getDisplayList() : [];
    const text = elements.find((el: any) => el.style?.text === name && el.parent?.parent?.__legendDataIndex !== undefined)
      ?? elements.find((el: any) => el.style?.text === name);
    if (!text) {
      return null;
    }
    const rect = text.getBoundingRect().clone();
    rect.applyTransform(text.getComputedTransform());
    return [rect.x + rect.width / 2, rect.y + rect.height / 2];
  }

  private clicked(params: any) {
    let value = params.value;
    const onLine = params.componentType === 'series' && params.seriesType === 'line' && params.dataIndex == null;
    if ((value == null || onLine) && params.event?.offsetX != null && this.chart) {
      const x = this.chart.convertFromPixel({ xAxisIndex: 0 }, params.event.offsetX);
      value = [Math.round(Number(x)), null];
    }
    this.dispatchEvent(new CustomEvent('chart-click', {
      detail: {
        name: String(params.name ?? ''), seriesName: String(params.seriesName ?? ''),
        value: JSON.stringify(value ?? null), component: String(params.componentType ?? ''),
      },
    }));
  }

  /** The anomaly ids of the overlay pins ECharts resolved (mark names are "anomaly:<id>", see ChartOptions). */
  private static anomalyIds(resolved: any): string[] {
    const ids: string[] = [];
    for (const s of Array.isArray(resolved?.series) ? resolved.series : []) {
      const pins = Array.isArray(s?.markPoint?.data) ? s.markPoint.data : [];
      pins.forEach((p: any) => {
        const name = String(p?.name ?? '');
        if (name.startsWith('anomaly:')) {
          ids.push(name.substring('anomaly:'.length));
        }
      });
    }
    return ids;
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
    const resolved = this.chart.getOption() as any;
    // The legend entries ECharts resolved, so tests and users can tell which series are shown.
    const legend = resolved.legend;
    const entries = Array.isArray(legend) && legend[0] && Array.isArray(legend[0].data) ? legend[0].data : [];
    this.dataset.legend = JSON.stringify(entries.map((d: any) => (typeof d === 'string' ? d : d?.name)));
    const textStyle = Array.isArray(resolved.textStyle) ? resolved.textStyle[0] : resolved.textStyle;
    this.dataset.textColor = String(textStyle?.color ?? '');
    this.dataset.anomalies = JSON.stringify(LogwardenEChart.anomalyIds(resolved));
    delete this.dataset.legendSelected;
  }
}

customElements.define('logwarden-echart', LogwardenEChart);
