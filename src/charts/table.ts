/**
 * The chart's data as an HTML table, so every plotted number is reachable as text (screen readers,
 * copy-paste, search). The page builder places it in a `<details>` under the chart.
 */
import { escapeXml } from './svg.ts'

/** One table column: which row field it shows, its header, and how to print a value. */
export interface DataTableColumn {
  field: string
  title: string
  /** Defaults to `defaultCellText`; pass a d3-format based formatter for numbers with units. */
  format?: (value: unknown) => string
}

/**
 * Text for a cell when the column has no formatter: locale-independent (`String(number)`, ISO
 * dates) so the page stays byte-identical across machines; missing values are left empty.
 */
function defaultCellText(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) return value.toISOString()
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value)
}

/** An escaped `<table>` with a `<caption>`, a `<thead>` of `scope="col"` headers and one row each. */
export function dataTableHtml(
  rows: ReadonlyArray<Record<string, unknown>>,
  columns: ReadonlyArray<DataTableColumn>,
  caption: string,
): string {
  const header = columns.map((column) => `<th scope="col">${escapeXml(column.title)}</th>`)
  const body = rows.map((row) => {
    const cells = columns.map((column) => {
      const text = (column.format ?? defaultCellText)(row[column.field])
      return `<td>${escapeXml(text)}</td>`
    })
    return `<tr>${cells.join('')}</tr>`
  })
  // One row per line keeps snapshot diffs readable.
  return [
    '<table>',
    `<caption>${escapeXml(caption)}</caption>`,
    `<thead><tr>${header.join('')}</tr></thead>`,
    '<tbody>',
    ...body,
    '</tbody>',
    '</table>',
  ].join('\n')
}
