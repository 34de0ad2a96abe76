/**
 * Renders every chart figure: the caption (already resolved) becomes a `<figcaption>`, the SVG
 * is rendered from the spec and the model's datasets (through a content-hash cache, so an
 * unchanged chart is not rendered again), and the data follows as a table in `<details>`.
 *
 * The figures are built at once and their drawings only started: the stages after this one run
 * while the chart worker draws (its slowest part on a cold build), and rehype-chart-sizes.ts,
 * the last stage, waits for them and gives each picture its drawings' sizes.
 */
import type { Element, ElementContent } from 'hast'
import { toString as hastToString } from 'hast-util-to-string'
import { h } from 'hastscript'
import type { VFile } from 'vfile'
import { type ChartCacheStore, referencedDatasetNames, renderChartCached } from '../charts/cache.ts'
import { isChartError } from '../charts/errors.ts'
import { withSpecPosition } from '../charts/spec.ts'
import { type ChartDrawing, svgSize, tooWide, toStandaloneSvg } from '../charts/svg.ts'
import { keptWith } from '../memo.ts'
import type { Dataset } from '../model/index.ts'
import { chartDataTable } from './chart-data-table.ts'
import { specPlace } from './directives/chart.ts'
import type { ChartSlot } from './records.ts'
import type { ModelSession } from './session.ts'

/** Options: where data comes from, and the SVG cache. */
export interface RehypeChartsOptions {
  readonly session: ModelSession
  readonly store: ChartCacheStore
}

/** The unified plugin: builds the figures `::chart` placed and starts drawing their charts. */
export default function rehypeCharts(options: RehypeChartsOptions) {
  return (_tree: unknown, file: VFile): void => {
    file.data.charts = []
    const placed = (file.data.chartSlots ?? []).map((slot) => placeFigure(slot, options))
    // Finished in page order, so the records and any errors come in that order.
    file.data.chartsDrawn = async () => {
      for (const finish of placed) await finish(file)
    }
  }
}

/** Builds a chart's figure now; the function it returns waits for its drawings and adds them. */
function placeFigure(
  slot: ChartSlot,
  options: RehypeChartsOptions,
): (file: VFile) => Promise<void> {
  const { element: figure, src, spec, text } = slot
  const id = String(figure.properties.id)
  const datasets = datasetsOf(spec, options.session)
  const names = Object.keys(datasets)
  const caption = figure.children
  const description = hastToString(figure).replace(/\s+/g, ' ').trim()
  const title = typeof spec.title === 'string' ? spec.title : description
  const { drawings, tables } = chartOnce(
    options.session,
    [JSON.stringify(spec), id, title, description],
    () => ({
      drawings: draw(spec, id, title, description, datasets, options.store),
      tables: names.map((n) => chartDataTable(datasets[n], n, title, spec)),
    }),
  )
  const name = src.replace(/^.*\//, '').replace(/\.vl\.json$/, '')
  const wideFile = `charts/${name}.svg`
  const narrowFile = `charts/${name}-narrow.svg`
  const narrowSource = h('source', {
    media: NARROW_MEDIA,
    srcSet: narrowFile,
    type: 'image/svg+xml',
  })
  const wideImage = h('img', { src: wideFile, alt: `Chart: ${title}` })
  const position = figure.position
  figure.properties = { className: ['chart'], id }
  figure.children = [
    // The charts are files, not inline SVG: the page stays light, and a phone loads only the
    // narrow drawing. The caption and the data table below carry the numbers.
    h('div', { className: ['chart-svg'] }, [h('picture', [narrowSource, wideImage])]),
    // The data table goes inside the caption: a figcaption must be a figure's first or last child.
    h('figcaption', [
      ...caption,
      h('details', { className: ['chart-data'] }, [
        h('summary', ['Data behind this chart']),
        ...tables.map((html) => ({ type: 'raw', value: html }) as unknown as ElementContent),
        h('p', [h('a', { href: wideFile }, ['Chart as SVG'])]),
      ]),
    ]),
  ] as Element['children']
  return async (file) => {
    let drawn: Drawn
    try {
      drawn = await drawings
    } catch (error) {
      if (!isChartError(error)) throw error
      const located = withSpecPosition(error, text, `content/${src}`)
      const m = file.message(located.reason, {
        place: position,
        ruleId: located.ruleId,
        source: 'article',
      })
      m.fatal = true
      m.note = `${specPlace(src, located.specLine, located.specColumn)}${located.hint ? `: ${located.hint}` : ''}`
      return
    }
    const { wide, narrow } = drawn
    Object.assign(narrowSource.properties, svgSize(narrow.svg))
    Object.assign(wideImage.properties, svgSize(wide.svg))
    const about = { src, datasets: names, title, description }
    file.data.charts?.push(
      { id, file: wideFile, svg: wide.standalone, drawn: wide.spec, ...about },
      {
        id: `${id}-narrow`,
        file: narrowFile,
        svg: narrow.standalone,
        drawn: narrow.spec,
        ...about,
      },
    )
  }
}

/** A chart's two drawings: what its picture is made from. */
interface Drawn {
  readonly wide: Drawing
  readonly narrow: Drawing
}

interface Drawing {
  readonly svg: string
  readonly standalone: string
  readonly spec: Readonly<Record<string, unknown>>
}

/** A chart's drawings (on their way) and its data tables. */
interface Chart {
  readonly drawings: Promise<Drawn>
  readonly tables: readonly string[]
}

/**
 * Charts by session and by what they are drawn from (the spec's text, the figure's id, title
 * and caption text): the session's datasets are fixed, so a rebuild under `npm run dev`, or
 * another article placing the same chart, takes the drawings and tables as they are. A failed
 * drawing is forgotten, and drawn (and reported) again next time.
 */
const chartsOf = keptWith((_session: ModelSession) => new Map<string, Chart>())

function chartOnce(session: ModelSession, what: readonly string[], make: () => Chart): Chart {
  const known = chartsOf(session)
  const key = JSON.stringify(what)
  const found = known.get(key)
  if (found) return found
  const chart = make()
  known.set(key, chart)
  // Also what keeps a failure from counting as unhandled until the last stage awaits it.
  chart.drawings.catch(() => known.delete(key))
  return chart
}

/** Draws a chart for the column at desktop width and for a phone, each fitted to its column. */
async function draw(
  spec: Readonly<Record<string, unknown>>,
  id: string,
  title: string,
  description: string,
  datasets: Record<string, Dataset>,
  store: ChartCacheStore,
): Promise<Drawn> {
  const names = Object.keys(datasets)
  const rows = Object.fromEntries(names.map((n) => [n, datasets[n]?.rows ?? []]))
  // Static SVG cannot be `width: "container"`: the same spec is drawn twice, for the column at
  // desktop width and for a phone, and the page picks one by media query.
  const render = (variant: Readonly<Record<string, unknown>>, suffix: string) =>
    renderChartCached(
      { spec: variant, datasets: rows, idPrefix: `${id}${suffix}`, title, description },
      store,
    ).then((r) => r.svg)
  // Each drawing is fitted to its column, so its text shows at its set size (13 px), not shrunk.
  const fit = async (drawing: ChartDrawing, suffix: string): Promise<Drawing> => {
    const drawn = await render(drawing.spec, suffix)
    const [svg, used] = tooWide(drawn, drawing)
      ? [await render(drawing.fitted, suffix), drawing.fitted]
      : [drawn, drawing.spec]
    return { svg, standalone: toStandaloneSvg(svg), spec: used }
  }
  const [wideDrawing, narrowDrawing] = chartDrawings(spec)
  return { wide: await fit(wideDrawing, ''), narrow: await fit(narrowDrawing, '-narrow') }
}

/** Below this width the page shows the narrow drawing (it matches the CSS breakpoint). */
const NARROW_MEDIA = '(max-width: 40rem)'
/** The plot width of the narrow drawing before it is fitted. */
const NARROW_PLOT_WIDTH = 220
/** The text column's width in CSS pixels: at desktop width, and on a 390-px phone. */
const WIDE_COLUMN = 620
const NARROW_COLUMN = 350

/**
 * The two drawings of a chart: for the column at desktop width and for a phone. The wide one
 * comes with the spec it falls back to when its drawing is wider than the column, with its axes,
 * legends and labels: Vega-Lite's `fit` then sizes the whole drawing. The phone's is fitted
 * from the start. The chart worker draws
 * these ahead (charts/worker.ts), so the page usually finds them drawn.
 */
export function chartDrawings(
  spec: Readonly<Record<string, unknown>>,
): [ChartDrawing, ChartDrawing] {
  const fit = (variant: Record<string, unknown>, column: number) => ({
    ...variant,
    width: column,
    autosize: { type: 'fit-x', contains: 'padding' },
  })
  const wide: ChartDrawing = {
    spec: { ...spec },
    column: WIDE_COLUMN,
    fitted: fit(spec, WIDE_COLUMN),
  }
  // A phone's drawing always fills the phone's column: drawn at its own size it was narrower than
  // the column or wider (then drawn again, fitted), so fitting it at once saves a Vega run for
  // most charts and leaves no blank strip beside the narrower ones.
  const fitted = fit(narrowSpec(spec), NARROW_COLUMN)
  return [wide, { spec: fitted, column: NARROW_COLUMN, fitted }]
}

/**
 * The phone variant of a spec: a narrower plot, legends below it, titles and labels limited to
 * the width, so nothing needs a sideways scroll. A spec's own `config` still wins key by key.
 */
export function narrowSpec(spec: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const config = (spec.config ?? {}) as Record<string, Record<string, unknown> | undefined>
  const width =
    typeof spec.width === 'number' ? Math.min(spec.width, NARROW_PLOT_WIDTH) : spec.width
  return {
    ...(narrowLegends(spec) as Record<string, unknown>),
    ...(typeof spec.title === 'string' ? { title: wrapTitle(spec.title, 34) } : {}),
    ...(width === undefined ? {} : { width }),
    config: {
      ...config,
      legend: { orient: 'bottom', columns: 1, labelLimit: 300, ...config.legend },
      axis: { labelLimit: 160, labelOverlap: true, labelExpr: WRAP_LABEL, ...config.axis },
      title: { anchor: 'start', frame: 'bounds', limit: NARROW_COLUMN, ...config.title },
    },
  }
}

/**
 * A Vega expression that breaks an axis label longer than 20 characters at spaces into lines of
 * at most 20 (a long category name would otherwise be cut with "…" on a phone). Shorter labels,
 * and labels without spaces such as numbers, are unchanged.
 */
const WRAP_LABEL = "split(replace(datum.label, regexp('(?=.{21})(.{1,20}) ', 'g'), '$1\\n'), '\\n')"

/** A chart title as lines of at most `width` characters (Vega draws an array as lines). */
function wrapTitle(title: string, width: number): string[] {
  const lines: string[] = []
  for (const word of title.split(/\s+/)) {
    const last = lines.at(-1)
    if (last !== undefined && last.length + word.length + 1 <= width)
      lines[lines.length - 1] = `${last} ${word}`
    else lines.push(word)
  }
  return lines
}

/** Characters in a line of an axis or legend title on a phone. */
const NARROW_TITLE_LINE = 30

/**
 * The spec with every legend of its encodings placed below the plot, in one column, and long
 * axis and legend titles set as lines.
 */
function narrowLegends(value: unknown, vertical = false): unknown {
  if (Array.isArray(value)) return value.map((v) => narrowLegends(v, vertical))
  if (value === null || typeof value !== 'object') return value
  const out: Record<string, unknown> = {}
  for (const [key, inner] of Object.entries(value)) {
    if (key === 'legend' && inner !== null && typeof inner === 'object') {
      const legend: Record<string, unknown> = {
        ...(inner as Record<string, unknown>),
        orient: 'bottom',
      }
      if (typeof legend.columns === 'number') legend.columns = 1
      delete legend.legendX
      delete legend.legendY
      out[key] = narrowLegends(legend)
    } else if (
      key === 'title' &&
      !vertical &&
      typeof inner === 'string' &&
      inner.length > NARROW_TITLE_LINE
    )
      // A title wider than a phone's plot runs off the drawing: lines instead. (A y axis's
      // title runs along the plot's height, where it fits.)
      out[key] = wrapTitle(inner, NARROW_TITLE_LINE)
    else out[key] = narrowLegends(inner, vertical || key === 'y' || key === 'y2')
  }
  return out
}

function datasetsOf(
  spec: Readonly<Record<string, unknown>>,
  session: ModelSession,
): Record<string, Dataset> {
  const out: Record<string, Dataset> = {}
  for (const name of referencedDatasetNames(spec)) {
    const dataset = session.dataset(name)
    if (dataset) out[name] = dataset
  }
  return out
}
