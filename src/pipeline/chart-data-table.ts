/**
 * The data behind a chart, as the table under it. The spec's `usermeta.dataTables[dataset]`
 * chooses the layout: a list of columns (one table row per data row), or a `pivot` (one table
 * row per value of one field, one column per value of another: a heatmap's grid reads as the
 * grid it is, in a third of the bytes of one row per cell). Without either, every field of the
 * first row, untitled and unformatted.
 */
import { type DataTableColumn, dataTableHtml, pivotTableHtml } from '../charts/table.ts'
import { formatNumber } from '../format/number.ts'
import type { Dataset } from '../model/index.ts'

/** How a chart's data table shows one field. */
interface TableColumn {
  readonly field: string
  readonly title?: string
  readonly format?: string
}

/** A grid layout: `row` down the side, `column` across the top, `value` in the cells. */
interface TablePivot {
  readonly pivot: {
    readonly row: TableColumn
    readonly column: TableColumn
    readonly value: TableColumn
  }
}

/** The HTML table of `dataset` (named `name`) under the chart titled `title`. */
export function chartDataTable(
  dataset: Dataset | undefined,
  name: string,
  title: string,
  spec: Readonly<Record<string, unknown>>,
): string {
  if (!dataset) return ''
  const usermeta = spec.usermeta as { dataTables?: Record<string, unknown> } | undefined
  const layout = usermeta?.dataTables?.[name]
  const caption = `${title}: ${name}`
  if (isPivot(layout)) {
    const { row, column, value } = layout.pivot
    return pivotTableHtml(
      dataset.rows,
      { row: asColumn(row), column: asColumn(column), value: asColumn(value) },
      caption,
    )
  }
  const shown: readonly TableColumn[] = Array.isArray(layout)
    ? (layout as TableColumn[])
    : Object.keys(dataset.rows[0] ?? {}).map((field) => ({ field }))
  return dataTableHtml(dataset.rows, shown.map(asColumn), caption)
}

function isPivot(layout: unknown): layout is TablePivot {
  const pivot = (layout as Partial<TablePivot> | null | undefined)?.pivot
  return (
    typeof pivot === 'object' &&
    pivot !== null &&
    [pivot.row, pivot.column, pivot.value].every((c) => typeof c?.field === 'string')
  )
}

function asColumn(c: TableColumn): DataTableColumn {
  return {
    field: c.field,
    title: c.title ?? c.field,
    ...(c.format
      ? {
          format: (v: unknown) =>
            typeof v === 'number' ? formatNumber(v, c.format ?? 'decimal') : String(v),
        }
      : {}),
  }
}
