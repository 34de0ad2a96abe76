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
  let svg: string
  try {
    svg = (
      await renderChartCached(
        {
          spec,
          datasets: Object.fromEntries(names.map((n) => [n, datasets[n]?.rows ?? []])),
          idPrefix: id,
          title,
          description,
        },
        options.store,
      )
    ).svg
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
  file.data.charts?.push({ id, src, file: `charts/${name}.svg`, svg: toStandaloneSvg(svg) })
  const tables = names.map((n) => dataTable(datasets[n], n, title, tableColumns(spec, n)))
  figure.properties = { className: ['chart'], id }
  figure.children = [
    // Focusable because on phones the chart keeps a legible size and scrolls sideways.
    h(
      'div',
      { className: ['chart-svg'], tabIndex: 0, role: 'group', ariaLabel: `Chart: ${title}` },
      [{ type: 'raw', value: svg } as unknown as ElementContent],
    ),
    // The data table goes inside the caption: a figcaption must be a figure's first or last child.
    h('figcaption', [
      ...caption,
      h('details', { className: ['chart-data'] }, [
        h('summary', ['Data behind this chart']),
        ...tables.map((html) => ({ type: 'raw', value: html }) as unknown as ElementContent),
        h('p', [h('a', { href: `charts/${name}.svg` }, ['Chart as SVG'])]),
      ]),
    ]),
  ] as Element['children']
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
