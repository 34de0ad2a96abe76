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
      return `<td>${escapeXml(text)}`
    })
    return `<tr>${cells.join('')}`
  })
  // Cells and rows leave out their optional end tags, as the rest of the page does (a tenth of
  // the table's bytes; the same table parsed). No line breaks between rows: one would end up
  // in the last cell's text.
  return [
    '<table>',
    `<caption>${escapeXml(caption)}</caption>`,
    `<thead><tr>${header.join('')}</tr></thead>`,
    `<tbody>${body.join('')}</table>`,
  ].join('\n')
}

/** The three fields of a grid table. */
export interface PivotColumns {
  /** Its values head the table's rows. */
  row: DataTableColumn
  /** Its values head the table's columns. */
  column: DataTableColumn
  /** Its values fill the cells. */
  value: DataTableColumn
}

/**
 * An escaped grid `<table>`: one row per value of `row`, one column per value of `column` (both
 * in order of first appearance), `value` in the cells (empty where no data row has the pair).
 * The top header row names the column field; the caption names the value.
 */
export function pivotTableHtml(
  rows: ReadonlyArray<Record<string, unknown>>,
  { row, column, value }: PivotColumns,
  caption: string,
): string {
  const text = (c: DataTableColumn, v: unknown) => escapeXml((c.format ?? defaultCellText)(v))
  const rowKeys = [...new Set(rows.map((r) => text(row, r[row.field])))]
  const columnKeys = [...new Set(rows.map((r) => text(column, r[column.field])))]
  const cells = new Map<string, string>()
  for (const r of rows)
    cells.set(
      `${text(row, r[row.field])}\u0000${text(column, r[column.field])}`,
      text(value, r[value.field]),
    )
  const body = rowKeys.map(
    (key) =>
      `<tr><th scope="row">${key}${columnKeys.map((c) => `<td>${cells.get(`${key}\u0000${c}`) ?? ''}`).join('')}`,
  )
  return [
    '<table>',
    `<caption>${escapeXml(`${caption} (${value.title})`)}</caption>`,
    `<thead><tr><td></td><th scope="colgroup" colspan="${columnKeys.length}">${escapeXml(column.title)}</th></tr>`,
    `<tr><th scope="col">${escapeXml(row.title)}</th>${columnKeys.map((c) => `<th scope="col">${c}</th>`).join('')}</tr></thead>`,
    `<tbody>${body.join('')}</table>`,
  ].join('\n')
}
