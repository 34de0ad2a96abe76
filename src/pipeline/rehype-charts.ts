/**
 * Renders every chart figure: the caption (already resolved) becomes a `<figcaption>`, the SVG
 * is rendered from the spec and the model's datasets (through a content-hash cache, so an
 * unchanged chart is not rendered again), and the data follows as a table in `<details>`.
 */
import type { Element, ElementContent, Root } from 'hast'
import { toString as hastToString } from 'hast-util-to-string'
import { h } from 'hastscript'
import { visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import { type ChartCacheStore, referencedDatasetNames, renderChartCached } from '../charts/cache.ts'
import { isChartError } from '../charts/errors.ts'
import { parseSpecJson, withSpecPosition } from '../charts/spec.ts'
import { toStandaloneSvg } from '../charts/svg.ts'
import { dataTableHtml } from '../charts/table.ts'
import { formatNumber } from '../format/number.ts'
import type { Dataset } from '../model/datasets.ts'
import { specPlace } from './directives/chart.ts'
import type { PipelineSources } from './directives/spec.ts'
import type { ModelSession } from './session.ts'

/** Options: where specs and data come from, and the SVG cache. */
export interface RehypeChartsOptions {
  readonly session: ModelSession
  readonly sources: PipelineSources
  readonly store: ChartCacheStore
}

const isChart = (node: Element): boolean =>
  node.tagName === 'figure' && typeof node.properties.dataChartSrc === 'string'

/** The unified plugin. */
export default function rehypeCharts(options: RehypeChartsOptions) {
  return async (tree: Root, file: VFile): Promise<void> => {
    const figures: Element[] = []
    visit(tree, 'element', (node) => {
      if (isChart(node)) figures.push(node)
    })
    file.data.charts = []
    for (const figure of figures) await renderFigure(figure, file, options)
  }
}

async function renderFigure(
  figure: Element,
  file: VFile,
  options: RehypeChartsOptions,
): Promise<void> {
  const src = String(figure.properties.dataChartSrc)
  const id = String(figure.properties.id)
  const text = options.sources.charts.get(src) ?? ''
  const spec = parseSpecJson(text, `content/${src}`)
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
  const tables = names.map((n) => dataTable(datasets[n], n, title))
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
  ]
}

function datasetsOf(spec: Record<string, unknown>, session: ModelSession): Record<string, Dataset> {
  const out: Record<string, Dataset> = {}
  for (const name of referencedDatasetNames(spec)) {
    const dataset = session.dataset(name)
    if (dataset) out[name] = dataset
  }
  return out
}

function dataTable(dataset: Dataset | undefined, name: string, title: string): string {
  if (!dataset) return ''
  const columns = dataset.columns.map((c) => ({
    field: c.field,
    title: c.title,
    ...(c.format
      ? {
          format: (v: unknown) =>
            typeof v === 'number' ? formatNumber(v, c.format ?? 'decimal') : String(v),
        }
      : {}),
  }))
  return dataTableHtml(dataset.rows, columns, `${title}: ${name}`)
}
