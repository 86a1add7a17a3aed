// Typed calls into the in-page chart probe (chart-probe.js). Arguments cross into the page as
// JSON inside an expression, so no function of this file is serialised into the browser.
import type { Page } from 'puppeteer-core';
import type { ChartGeometry } from './chart-checks.js';

export interface DrawOptions {
  /** Mermaid's theme: GitHub draws `default` in light mode and `dark` in dark mode. */
  theme: 'default' | 'dark';
  /** Overrides mermaid's font stack, to try a wider font than the one this machine falls back to. */
  fontFamily?: string;
  /** The column the chart is drawn in, in CSS pixels. */
  width: number;
}

export interface ChartProbe {
  /** Mermaid's parse of each source: null when it parses, else its error message. */
  parse(sources: readonly string[]): Promise<(string | null)[]>;
  draw(source: string, options: DrawOptions): Promise<ChartGeometry>;
  /** Replaces every `<pre data-mermaid>` of the page with its drawing; the drawings measured. */
  drawAll(theme: DrawOptions['theme']): Promise<ChartGeometry[]>;
}

export function chartProbe(page: Page): ChartProbe {
  const call = <T>(name: string, ...args: unknown[]): Promise<T> =>
    page.evaluate(`window.chartProbe.${name}(...${JSON.stringify(args)})`) as Promise<T>;
  return {
    parse: (sources) => call('parse', sources),
    draw: (source, options) => call('draw', source, options),
    drawAll: (theme) => call('drawAll', theme),
  };
}
