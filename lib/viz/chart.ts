import type { TopLevelSpec } from 'vega-lite';
import { displayBundle } from './display';

/** The vega-lite schema JupyterLab 4 renders (it has no v6 renderer). */
export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v5.json';

/** The spec with its $schema set to vega-lite v5, so the front end picks the v5 renderer. */
export function withV5Schema(spec: TopLevelSpec): TopLevelSpec {
  return { ...spec, $schema: VEGA_LITE_SCHEMA };
}

type VegaLiteLogger = NonNullable<NonNullable<Parameters<typeof import('vega-lite').compile>[1]>['logger']>;

/**
 * vega-lite's logger without its warnings: they note choices it resolves by itself (e.g. a colour scale shared by
 * two concatenated charts with their own legend orders), which a student would otherwise see as stderr in the cell.
 */
class QuietLogger implements VegaLiteLogger {
  private current = 1;
  level(): number;
  level(value: number): this;
  level(value?: number): number | this {
    if (value === undefined) return this.current;
    this.current = value;
    return this;
  }
  error(...args: readonly unknown[]): this {
    console.error(...args);
    return this;
  }
  warn(): this {
    return this;
  }
  info(): this {
    return this;
  }
  debug(): this {
    return this;
  }
}

/** Render a vega-lite spec to an SVG string in Node (vega, no browser, no canvas). */
export async function chartSvg(spec: TopLevelSpec): Promise<string> {
  // Loaded on first use: vega takes a third of a second to load, and many sessions draw no chart.
  const [{ compile }, { parse, View }] = await Promise.all([import('vega-lite'), import('vega')]);
  const view = new View(parse(compile(withV5Schema(spec), { logger: new QuietLogger() }).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/**
 * Show a vega-lite chart as ONE output holding the spec (application/vnd.vegalite.v5+json, drawn live by
 * JupyterLab), an SVG rendered here (image/svg+xml, for static viewers and headless runs) and a text line.
 */
export async function showChart(spec: TopLevelSpec): Promise<void> {
  const v5 = withV5Schema(spec);
  const svg = await chartSvg(v5);
  const title = typeof v5.title === 'string' ? v5.title : 'vega-lite chart';
  displayBundle({ 'application/vnd.vegalite.v5+json': v5, 'image/svg+xml': svg, 'text/plain': `[${title}]` });
}
