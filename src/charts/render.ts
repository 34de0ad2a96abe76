/**
 * Vega-Lite spec + named datasets → a static, accessible, deterministic SVG string.
 *
 *   1. validate   the spec's data sources and fields against the datasets (validate.ts)
 *   2. compile    Vega-Lite → Vega with the shared theme; any warning is an error
 *   3. run        a headless Vega View (`renderer: 'none'`) on copies of the rows, then `toSVG()`
 *   4. decorate   prefix ids per chart, add title/desc/role, responsive sizing (svg.ts)
 */
import type * as VegaModule from 'vega'
import type * as VegaLiteModule from 'vega-lite'
import { chartMessages } from '../diagnostics/chart-messages.ts'
import { ChartError } from './errors.ts'
import { assertVegaLiteSpec } from './spec.ts'
import { decorateSvgRoot, prefixSvgIds } from './svg.ts'
import { vegaTextWidth } from './text-width.ts'
import { chartTheme } from './theme.ts'

// vega and vega-lite take ~300 ms each to import; load them only when a chart must really be
// rendered, so builds whose charts all come from the cache never pay for them.
let vega: typeof VegaModule
let vegaLite: typeof VegaLiteModule
let interpreter: VegaModule.ViewOptions['expr']
export async function loadLibraries(): Promise<void> {
  if (vega && vegaLite) return
  const [v, vl, i] = await Promise.all([
    import('vega'),
    import('vega-lite'),
    import('vega-interpreter'),
  ])
  vega = v
  // Realistic text widths, so labels are not cut at limits they fit (text-width.ts).
  ;(vega as unknown as VegaTextMetrics).textMetrics.width = vegaTextWidth
  vegaLite = vl
  interpreter = i.expressionInterpreter as VegaModule.ViewOptions['expr']
}

import { type ChartDatasets, validateChartData } from './validate.ts'

/** Whether this thread has loaded Vega and Vega-Lite already (charts/worker.ts asks). */
export const librariesLoaded = (): boolean => vega !== undefined && vegaLite !== undefined

/** Vega's text measurement (exported by vega, missing from its types). */
interface VegaTextMetrics {
  textMetrics: { width: typeof vegaTextWidth }
}

/** One chart to render. */
export interface ChartInput {
  /** Parsed Vega-Lite JSON (see parseSpecJson). */
  spec: unknown
  /** Rows by dataset name; the spec's `data: {name}` sources are filled from here. */
  datasets: ChartDatasets
  /** Prefix for every id in the SVG, e.g. `chart-cost-by-stage`; unique per chart in a page. */
  idPrefix: string
  /** Accessible name (plain text). */
  title: string
  /** One-sentence summary (plain text). */
  description: string
}

/** The rendered chart, ready to inline in HTML. */
export interface RenderedChart {
  svg: string
}

/** Bumped whenever post-processing changes output, so cache entries from older code are unused. */
export const CHART_RENDERER_VERSION = '4'

/**
 * Renders a chart. Throws ChartError for problems in the spec or its data; the error's
 * `specPointer` can be mapped to line:column with `withSpecPosition`.
 */
export async function renderChart(
  input: ChartInput,
  raw: RawSvgRenderer = renderVegaSvg,
): Promise<RenderedChart> {
  assertIdPrefix(input.idPrefix)
  // 1. Validate
  assertVegaLiteSpec(input.spec)
  validateChartData(input.spec, input.datasets)
  // 2–3. Compile and run (or take the same result from the raw cache or the chart worker)
  const rawSvg = await raw(input.spec, input.datasets)
  // 4. Decorate
  const svg = decorateSvgRoot(prefixSvgIds(rawSvg, input.idPrefix), input)
  return { svg }
}

/**
 * Steps 2–3 alone: the SVG as Vega draws it, before ids are prefixed and the root decorated. It
 * depends only on the spec and the datasets (plus theme and library versions), so it can be
 * computed ahead of the page, in a worker (worker.ts), and cached apart from captions and titles.
 */
export type RawSvgRenderer = (
  spec: Record<string, unknown>,
  datasets: ChartDatasets,
) => Promise<string>

/** Compiles and runs one validated spec in this thread. */
export async function renderVegaSvg(
  spec: Record<string, unknown>,
  datasets: ChartDatasets,
): Promise<string> {
  await loadLibraries()
  const vegaSpec = compileToVega(spec)
  // One render at a time, see `exclusive`.
  return exclusive(() => runToSvg(vegaSpec, datasets))
}

/**
 * Step 2 alone: the Vega spec a validated Vega-Lite spec compiles to, theme included. The page's
 * "Try your own numbers" panel redraws charts from it with the Vega runtime only.
 */
export async function compileChart(spec: Record<string, unknown>): Promise<VegaModule.Spec> {
  await loadLibraries()
  return compileToVega(spec)
}

/** The prefix becomes part of ids and `url(#…)` references, so keep it to safe characters. */
function assertIdPrefix(idPrefix: string): void {
  if (!/^[A-Za-z][\w-]*$/.test(idPrefix)) {
    throw new TypeError(`idPrefix must match /^[A-Za-z][\\w-]*$/, got ${JSON.stringify(idPrefix)}`)
  }
}

const unique = (messages: readonly string[]): string[] => [...new Set(messages)]

/** A logger that records warnings and errors instead of printing them. */
function collectingLogger(messages: string[]): VegaModule.LoggerInterface {
  const record = (_method: string, _level: string, args: unknown[]): void => {
    messages.push(args.map((arg) => (arg instanceof Error ? arg.message : String(arg))).join(' '))
  }
  return vega.logger(vega.Warn, undefined, record)
}

/**
 * Specs compiled in this thread, by their JSON: drawing a chart compiles it, and writing
 * whatif-charts.json asks for the same compiled spec again. Compiling is a quarter of a chart's
 * drawing time (Vega-Lite's compiler is the slowest part of the libraries), so once each.
 */
const compiledSpecs = new Map<string, VegaModule.Spec>()

function compileToVega(spec: Record<string, unknown>): VegaModule.Spec {
  const key = JSON.stringify(spec)
  const found = compiledSpecs.get(key)
  if (found) return found
  const compiled = compileFresh(spec)
  compiledSpecs.set(key, compiled)
  return compiled
}

function compileFresh(spec: Record<string, unknown>): VegaModule.Spec {
  const warnings: string[] = []
  let compiled: VegaModule.Spec
  try {
    // The theme goes in as `config`, which Vega-Lite merges under the spec's own `config`.
    compiled = vegaLite.compile(spec as unknown as VegaLiteModule.TopLevelSpec, {
      config: chartTheme,
      logger: collectingLogger(warnings),
    }).spec
  } catch (error) {
    throw compileError(error, warnings)
  }
  if (warnings.length > 0) throw new ChartError(chartMessages.warning(unique(warnings)))
  return compiled
}

function compileError(error: unknown, warnings: readonly string[] = []): ChartError {
  const detail = error instanceof Error ? error.message : String(error)
  return new ChartError(chartMessages.compile(detail, unique(warnings)), { cause: error })
}

/**
 * Vega's clip and gradient ids come from process-wide counters. Resetting them per render makes
 * ids depend only on the chart, but two renders interleaved at an `await` would share the
 * counters again, so renders run one after another. They are CPU-bound, so nothing is lost.
 */
let queue: Promise<unknown> = Promise.resolve()
function exclusive<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task, task)
  queue = run.catch(() => undefined)
  return run
}

async function runToSvg(spec: VegaModule.Spec, datasets: ChartDatasets): Promise<string> {
  vega.resetSVGDefIds()
  const messages: string[] = []
  let view: VegaModule.View | undefined
  try {
    // Parsed to an AST and run by vega-interpreter: expressions in a content-supplied spec are
    // interpreted, never compiled with `new Function`.
    view = new vega.View(vega.parse(spec, undefined, { ast: true }), {
      expr: interpreter,
      renderer: 'none',
      logger: collectingLogger(messages),
      // Never fetch: data comes only from `datasets` (validate.ts rejects `data.url`).
      loader: offlineLoader(),
    })
    insertDatasets(view, spec, datasets)
    await view.runAsync()
    const svg = await view.toSVG()
    const problems = messages.filter((m) => !emptyLayerExtent(m, datasets))
    if (problems.length > 0) throw new ChartError(chartMessages.warning(unique(problems)))
    return svg
  } catch (error) {
    if (error instanceof ChartError) throw error
    throw compileError(error, messages)
  } finally {
    view?.finalize()
  }
}

/**
 * Vega's warning for the extent of a field in no rows. A dataset may be empty at some inputs (the
 * heatmap's 10× line lies wholly outside the grid when human labels are dear): the layer then
 * draws nothing and the shared scale takes its domain from the other layers, which is right, so
 * the warning is not a problem in the spec. With every dataset filled it still is one.
 */
function emptyLayerExtent(message: string, datasets: ChartDatasets): boolean {
  return (
    /^Infinite extent for field /.test(message) &&
    Object.values(datasets).some((rows) => rows.length === 0)
  )
}

/**
 * Fills the compiled spec's named sources. Rows are deep-copied because Vega writes derived
 * fields (stack offsets, bins) onto the row objects it is given, which would leak into the
 * caller's model data and into the next chart that reads the same dataset.
 */
function insertDatasets(
  view: VegaModule.View,
  spec: VegaModule.Spec,
  datasets: ChartDatasets,
): void {
  for (const source of spec.data ?? []) {
    const rows = Object.hasOwn(datasets, source.name) ? datasets[source.name] : undefined
    if (rows !== undefined && !('values' in source) && !('source' in source)) {
      view.data(source.name, structuredClone(rows) as object[])
    }
  }
}

function offlineLoader(): VegaModule.Loader {
  const refuse = (uri: string): Promise<never> =>
    Promise.reject(new Error(`charts may not load external resources (${uri})`))
  const loader = vega.loader()
  loader.load = refuse
  loader.sanitize = refuse
  loader.http = refuse
  loader.file = refuse
  return loader
}
