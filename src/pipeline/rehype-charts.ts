/**
 * Renders every chart figure: the caption (already resolved) becomes a `<figcaption>`, the SVG
 * is rendered from the spec and the model's datasets (through a content-hash cache, so an
 * unchanged chart is not rendered again), and the data follows as a table in `<details>`.
 */
import type { Element, ElementContent } from 'hast'
import { toString as hastToString } from 'hast-util-to-string'
import { h } from 'hastscript'
import type { VFile } from 'vfile'
import { type ChartCacheStore, referencedDatasetNames, renderChartCached } from '../charts/cache.ts'
import { isChartError } from '../charts/errors.ts'
import { withSpecPosition } from '../charts/spec.ts'
import { toStandaloneSvg } from '../charts/svg.ts'
import { dataTableHtml } from '../charts/table.ts'
import { formatNumber } from '../format/number.ts'
import type { Dataset } from '../model/index.ts'
import { specPlace } from './directives/chart.ts'
import type { ChartSlot } from './records.ts'
import type { ModelSession } from './session.ts'

/** Options: where data comes from, and the SVG cache. */
export interface RehypeChartsOptions {
  readonly session: ModelSession
  readonly store: ChartCacheStore
}

/** How a chart's data table shows one column: the spec's `usermeta.dataTables[dataset]`. */
interface TableColumn {
  readonly field: string
  readonly title?: string
  readonly format?: string
}

/** The unified plugin: renders the charts `::chart` placed, in page order. */
export default function rehypeCharts(options: RehypeChartsOptions) {
  return async (_tree: unknown, file: VFile): Promise<void> => {
    file.data.charts = []
    for (const slot of file.data.chartSlots ?? []) await renderFigure(slot, file, options)
  }
}

async function renderFigure(slot: ChartSlot, file: VFile, options: RehypeChartsOptions) {
  const { element: figure, src, spec, text } = slot
  const id = String(figure.properties.id)
  const datasets = datasetsOf(spec, options.session)
  const names = Object.keys(datasets)
  const caption = figure.children
  const description = hastToString(figure).replace(/\s+/g, ' ').trim()
  const title = typeof spec.title === 'string' ? spec.title : description
  const rows = Object.fromEntries(names.map((n) => [n, datasets[n]?.rows ?? []]))
  let wide: string
  let narrow: string
  try {
    // Static SVG cannot be `width: "container"`: the same spec is drawn twice, for the column
    // at desktop width and for a phone, and the page picks one by media query.
    const render = (variant: Readonly<Record<string, unknown>>, suffix: string) =>
      renderChartCached(
        { spec: variant, datasets: rows, idPrefix: `${id}${suffix}`, title, description },
        options.store,
      ).then((r) => r.svg)
    wide = await render(spec, '')
    narrow = await render(narrowSpec(spec), '-narrow')
  } catch (error) {
    if (!isChartError(error)) throw error
    const located = withSpecPosition(error, text, `content/${src}`)
    const m = file.message(located.reason, {
      place: figure.position,
      ruleId: located.ruleId,
      source: 'article',
    })
    m.fatal = true
    m.note = `${specPlace(src, located.specLine, located.specColumn)}${located.hint ? `: ${located.hint}` : ''}`
    return
  }
  const name = src.replace(/^.*\//, '').replace(/\.vl\.json$/, '')
  const wideFile = `charts/${name}.svg`
  const narrowFile = `charts/${name}-narrow.svg`
  file.data.charts?.push(
    { id, src, file: wideFile, svg: toStandaloneSvg(wide) },
    { id: `${id}-narrow`, src, file: narrowFile, svg: toStandaloneSvg(narrow) },
  )
  const tables = names.map((n) => dataTable(datasets[n], n, title, tableColumns(spec, n)))
  figure.properties = { className: ['chart'], id }
  figure.children = [
    // The charts are files, not inline SVG: the page stays light, and a phone loads only the
    // narrow drawing. The caption and the data table below carry the numbers.
    h('div', { className: ['chart-svg'] }, [
      h('picture', [
        h('source', {
          media: NARROW_MEDIA,
          srcSet: narrowFile,
          type: 'image/svg+xml',
          ...svgSize(narrow),
        }),
        h('img', { src: wideFile, alt: `Chart: ${title}`, ...svgSize(wide) }),
      ]),
    ]),
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
}

/** Below this width the page shows the narrow drawing (it matches the CSS breakpoint). */
const NARROW_MEDIA = '(max-width: 40rem)'
/** The plot width of the narrow drawing: with axes and labels it fits a 320-px column. */
const NARROW_PLOT_WIDTH = 220

/**
 * The phone variant of a spec: a narrower plot, legends below it, titles and labels limited to
 * the width, so nothing needs a sideways scroll. A spec's own `config` still wins key by key.
 */
export function narrowSpec(spec: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const config = (spec.config ?? {}) as Record<string, Record<string, unknown> | undefined>
  const width = typeof spec.width === 'number' ? Math.min(spec.width, NARROW_PLOT_WIDTH) : spec.width
  return {
    ...spec,
    ...(width === undefined ? {} : { width }),
    config: {
      ...config,
      legend: { orient: 'bottom', direction: 'horizontal', columns: 2, labelLimit: 150, ...config.legend },
      axis: { labelLimit: 110, ...config.axis },
      title: { limit: 300, ...config.title },
    },
  }
}

/** The drawing's own width and height, so the page reserves its space before it loads. */
function svgSize(svg: string): { width?: string; height?: string } {
  const root = /^<svg\b[^>]*>/.exec(svg)?.[0] ?? ''
  const width = / width="([\d.]+)"/.exec(root)?.[1]
  const height = / height="([\d.]+)"/.exec(root)?.[1]
  return width && height ? { width, height } : {}
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

/** The columns the spec asks for, or every field of the first row, untitled and unformatted. */
function tableColumns(
  spec: Readonly<Record<string, unknown>>,
  name: string,
): TableColumn[] | undefined {
  const usermeta = spec.usermeta as { dataTables?: Record<string, TableColumn[]> } | undefined
  const columns = usermeta?.dataTables?.[name]
  return Array.isArray(columns) ? columns : undefined
}

function dataTable(
  dataset: Dataset | undefined,
  name: string,
  title: string,
  columns: TableColumn[] | undefined,
): string {
  if (!dataset) return ''
  const shown: TableColumn[] =
    columns ?? Object.keys(dataset.rows[0] ?? {}).map((field) => ({ field }))
  return dataTableHtml(
    dataset.rows,
    shown.map((c) => ({
      field: c.field,
      title: c.title ?? c.field,
      ...(c.format
        ? {
            format: (v: unknown) =>
              typeof v === 'number' ? formatNumber(v, c.format ?? 'decimal') : String(v),
          }
        : {}),
    })),
    `${title}: ${name}`,
  )
}
