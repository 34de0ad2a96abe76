/**
 * The chart's data as an HTML table, so every plotted number is reachable as text (screen readers,
 * copy-paste, search). The page builder places it in a `<details>` under the chart.
 */
import { formatNumber } from '../format/number.ts'
import { escapeXml } from './svg.ts'

/** How a chart's data table shows one column: the spec's `usermeta.dataTables[dataset]`. */
export interface TableColumn {
  readonly field: string
  readonly title?: string
  readonly format?: string
}

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

/** The columns a chart spec asks for its dataset `name` (`usermeta.dataTables`), if any. */
export function tableColumns(
  spec: Readonly<Record<string, unknown>>,
  name: string,
): TableColumn[] | undefined {
  const usermeta = spec.usermeta as { dataTables?: Record<string, TableColumn[]> } | undefined
  const columns = usermeta?.dataTables?.[name]
  return Array.isArray(columns) ? columns : undefined
}

/**
 * A chart's dataset as its data table: the spec's columns, titled and formatted as it says, or
 * every field of the first row, untitled and unformatted. Shared by the build and the page,
 * which redraws the table with the chart at the reader's numbers.
 */
export function chartTableHtml(
  rows: ReadonlyArray<Readonly<Record<string, unknown>>>,
  name: string,
  title: string,
  columns: readonly TableColumn[] | undefined,
): string {
  const shown: readonly TableColumn[] =
    columns ?? Object.keys(rows[0] ?? {}).map((field) => ({ field }))
  return dataTableHtml(
    rows,
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
