/**
 * The chart chunk of "Try your own numbers" (assets/whatif-charts.js): draws a chart's Vega spec,
 * compiled from Vega-Lite at build time (whatif-charts.json), with the reader's rows. Loaded only
 * when reader numbers show and a chart is on screen. It carries the Vega runtime alone (the
 * dataflow, the transforms Vega-Lite's output uses, the SVG serialiser), never Vega-Lite, and
 * interprets expressions with vega-interpreter: no `new Function`, so no 'unsafe-eval'.
 */
import type { Spec as VegaSpec, ViewOptions } from 'vega'
import { transforms } from 'vega-dataflow'
import * as encode from 'vega-encode'
import { expressionInterpreter } from 'vega-interpreter'
import { parse } from 'vega-parser'
import { resetSVGDefIds, textMetrics } from 'vega-scenegraph'
import * as tx from 'vega-transforms'
import { Error as errorsOnly } from 'vega-util'
import { View } from 'vega-view'
import * as vtx from 'vega-view-transforms'
import { decorateSvgRoot, prefixSvgIds, toStandaloneSvg } from '../charts/svg.ts'
import { vegaTextWidth } from '../charts/text-width.ts'
import type { Dataset } from '../model/types.ts'
import { chartDataTable } from '../pipeline/chart-data-table.ts'

Object.assign(transforms, tx, vtx, encode)
// Text measured as the build measures it (src/charts/render.ts), not by the reader's fonts, so
// labels are laid out, truncated and spaced exactly as in the article's own drawing.
textMetrics.width = vegaTextWidth

/** What the drawing says about itself, as the build decorates it (src/charts/svg.ts). */
export interface ChartLabel {
  readonly idPrefix: string
  readonly title: string
  readonly description: string
}

/**
 * The chart as a standalone SVG file's text: the same steps as the build (src/charts/render.ts,
 * steps 3–4, and toStandaloneSvg), so at the article's numbers it is the built file byte for byte.
 */
export async function drawChart(
  spec: VegaSpec,
  rows: Readonly<Record<string, readonly object[]>>,
  label: ChartLabel,
): Promise<string> {
  resetSVGDefIds()
  const view = new View(parse(spec, undefined, { ast: true }), {
    expr: expressionInterpreter as ViewOptions['expr'],
    renderer: 'none',
    // A layer empty at the reader's numbers (the heatmap's 10× line) is drawn as nothing: no
    // warning on the console for it.
    logLevel: errorsOnly,
  })
  try {
    for (const source of spec.data ?? [])
      if (Object.hasOwn(rows, source.name) && !('values' in source) && !('source' in source))
        view.data(source.name, structuredClone(rows[source.name]) as object[])
    await view.runAsync()
    const svg = await view.toSVG()
    return toStandaloneSvg(decorateSvgRoot(prefixSvgIds(svg, label.idPrefix), label))
  } finally {
    view.finalize()
  }
}

/** The chart's data tables (one per dataset, in order) as the build writes them under it. */
export function drawTables(
  rows: Readonly<Record<string, Dataset['rows']>>,
  names: readonly string[],
  title: string,
  tables: Readonly<Record<string, unknown>>,
): string[] {
  const spec = { usermeta: { dataTables: tables } }
  return names.map((name) => chartDataTable({ rows: rows[name] ?? [] }, name, title, spec))
}
