/**
 * The charts the panel can redraw at the reader's numbers, written next to the page as
 * `whatif-charts.json`: each chart's drawings (desktop and phone) compiled to Vega at build
 * time, so the page ships the Vega runtime but never Vega-Lite, with the datasets they read.
 * Charts whose datasets need Monte Carlo draws are left out: they keep the article's drawing.
 * A file of its own, fetched only when a chart is redrawn, so the panel's table stays small.
 */
import type { Spec as VegaSpec } from 'vega'
import type { VFile } from 'vfile'
import { type ChartCacheStore, compileChartCached } from '../charts/cache.ts'
import { keptWith } from '../memo.ts'
import type { ModelSession } from '../pipeline/session.ts'
import { pointRows } from './chart-rows.ts'

/** One chart the page can redraw. */
export interface ChartRedraw {
  /** The figure's id (the SVG's id prefix). */
  readonly id: string
  readonly datasets: readonly string[]
  /**
   * The spec's own title; without one, the drawing is titled by its caption, which the page
   * reads at the reader's numbers, like the description (the build's is the caption's text).
   */
  readonly title?: string
  readonly wide: VegaSpec
  readonly narrow: VegaSpec
  /** How each dataset's data table is laid out, where the spec says (`usermeta.dataTables`). */
  readonly tables: Readonly<Record<string, unknown>>
}

/** The shape of `whatif-charts.json`. */
export interface ChartRedraws {
  readonly version: 1
  readonly charts: readonly ChartRedraw[]
}

/** The page's redrawable charts as JSON text. */
export async function whatifChartsJson(
  file: VFile,
  session: ModelSession,
  store: ChartCacheStore,
): Promise<string> {
  const records = file.data.charts ?? []
  const charts: ChartRedraw[] = []
  for (const wide of records) {
    const narrow = records.find((r) => r.id === `${wide.id}-narrow`)
    if (!narrow) continue
    if (!redrawable(session, wide.datasets)) continue
    charts.push({
      id: wide.id,
      datasets: wide.datasets,
      ...(typeof wide.drawn.title === 'string' ? { title: wide.drawn.title } : {}),
      wide: await compiledOnce(wide.drawn, store),
      narrow: await compiledOnce(narrow.drawn, store),
      tables: tableLayouts(wide.drawn, wide.datasets),
    })
  }
  return `${JSON.stringify({ version: 1, charts } satisfies ChartRedraws)}\n`
}

/**
 * Whether datasets `names` can be made from point values alone, by session: the answer is the
 * session's, not the page's, and finding it builds the datasets (~2 ms a page).
 */
const pointOnly = keptWith((_session: ModelSession) => new Map<string, boolean>())

function redrawable(session: ModelSession, names: readonly string[]): boolean {
  const known = pointOnly(session)
  const key = names.join('\u0000')
  let answer = known.get(key)
  if (answer === undefined) {
    const evaluate = (scenario: string, extra?: ReadonlyMap<string, number>) =>
      extra ? session.evaluateWith(scenario, extra) : session.evaluation(scenario).evaluation
    answer = pointRows(session.model, evaluate, names) !== undefined
    known.set(key, answer)
  }
  return answer
}

/**
 * Compiled drawings by store and by the drawn spec itself: the chart memo (rehype-charts) hands
 * every page of a model session the same spec object, so the pages of a site share one compiled
 * spec instead of each hashing the spec, reading the cache file and parsing it again (~2 ms a
 * page). A failure is forgotten, and met again by the next page.
 */
const compiled = keptWith((_store: ChartCacheStore) => new WeakMap<object, Promise<VegaSpec>>())

function compiledOnce(
  drawn: Readonly<Record<string, unknown>>,
  store: ChartCacheStore,
): Promise<VegaSpec> {
  const known = compiled(store)
  const found = known.get(drawn)
  if (found) return found
  const spec = compileChartCached({ ...drawn }, store)
  known.set(drawn, spec)
  spec.catch(() => known.delete(drawn))
  return spec
}

/** The spec's data table layouts of the chart's datasets. */
function tableLayouts(
  spec: Readonly<Record<string, unknown>>,
  names: readonly string[],
): Record<string, unknown> {
  const usermeta = spec.usermeta as { dataTables?: Record<string, unknown> } | undefined
  return Object.fromEntries(
    names.flatMap((name) => {
      const layout = usermeta?.dataTables?.[name]
      return layout === undefined ? [] : [[name, layout]]
    }),
  )
}
