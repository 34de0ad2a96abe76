/**
 * Checks a spec against the datasets the build provides, before compiling: Vega-Lite and Vega do
 * not complain about a misspelt field, they silently draw an empty or wrong chart.
 */

import { chartMessages } from '../diagnostics/chart-messages.ts'
import { suggest as closestMatch } from '../diagnostics/suggest.ts'
import { ChartError } from './errors.ts'
import { collectDataUsage, type DataRef, type FieldRef, rowFields } from './fields.ts'
import { checkChartDataLimits } from './inline-data.ts'
import { assertUtcTime } from './time-zone.ts'

/** Rows by dataset name, as the renderer receives them. */
export type ChartDatasets = Readonly<Record<string, ReadonlyArray<Record<string, unknown>>>>

/**
 * Throws ChartError `chart-unknown-dataset` for a named source the build does not provide (or a
 * `data.url`), and `chart-unknown-field` for an encoding or transform field the rows do not have.
 * Also rejects unknown mark types and dates in local time (time-zone.ts).
 * The error carries a JSON pointer; spec.ts's `withSpecPosition` turns it into line:column.
 */
export function validateChartData(spec: Record<string, unknown>, datasets: ChartDatasets): void {
  checkMarkTypes(spec, '')
  checkChartDataLimits(spec, datasets)
  assertUtcTime(spec)
  const usage = collectDataUsage(spec)
  for (const ref of usage.dataRefs) checkDataRef(ref, datasets)
  for (const ref of usage.fieldRefs) checkFieldRef(ref, datasets)
}

/** Vega-Lite 6's mark types, including composite marks. */
const MARK_TYPES = [
  'arc',
  'area',
  'bar',
  'image',
  'line',
  'point',
  'rect',
  'rule',
  'text',
  'tick',
  'trail',
  'circle',
  'square',
  'geoshape',
  'boxplot',
  'errorband',
  'errorbar',
]

/** Vega-Lite fails on an unknown mark with "Cannot read properties of undefined"; say it plainly. */
function checkMarkTypes(node: unknown, pointer: string): void {
  if (Array.isArray(node)) {
    for (const [i, child] of node.entries()) checkMarkTypes(child, `${pointer}/${i}`)
    return
  }
  if (typeof node !== 'object' || node === null) return
  const view = node as Record<string, unknown>
  const mark = view.mark
  const type = typeof mark === 'object' && mark !== null ? (mark as { type?: unknown }).type : mark
  const at = typeof mark === 'object' ? `${pointer}/mark/type` : `${pointer}/mark`
  if (typeof type === 'string' && !MARK_TYPES.includes(type)) {
    throw new ChartError({
      ...chartMessages.unknownMark(type, closestMatch(type, MARK_TYPES)),
      specPointer: at,
    })
  }
  for (const key of ['layer', 'concat', 'hconcat', 'vconcat', 'spec']) {
    if (key in view) checkMarkTypes(view[key], `${pointer}/${key}`)
  }
}

function checkDataRef(ref: DataRef, datasets: ChartDatasets): void {
  if (ref.kind === 'url') {
    throw new ChartError({ ...chartMessages.urlData(ref.url), specPointer: ref.pointer })
  }
  if (ref.kind !== 'named' || Object.hasOwn(datasets, ref.name)) return
  const available = Object.keys(datasets)
  throw new ChartError({
    ...chartMessages.unknownDataset(ref.name, available, closestMatch(ref.name, available)),
    specPointer: ref.pointer,
  })
}

function checkFieldRef(ref: FieldRef, datasets: ChartDatasets): void {
  const source = sourceFields(ref.data, datasets)
  // Nothing to check against: an opaque source, an empty dataset, or after a pivot.
  if (source === undefined || source.fields.length === 0 || ref.open) return
  const available = [...new Set([...source.fields, ...ref.derived])]
  if (available.includes(fieldHead(ref.field))) return
  throw new ChartError({
    ...chartMessages.unknownField(
      ref.field,
      source.label,
      available,
      suggestField(ref.field, available),
    ),
    specPointer: ref.pointer,
  })
}

function sourceFields(
  data: DataRef,
  datasets: ChartDatasets,
): { label: string; fields: readonly string[] } | undefined {
  if (data.kind === 'inline') return { label: '(inline values)', fields: data.fields }
  if (data.kind !== 'named') return undefined
  const rows = datasets[data.name]
  return rows === undefined ? undefined : { label: data.name, fields: rowFields(rows) }
}

/**
 * Vega-Lite reads `a.b` and `a[0]` as nested access and `a\.b` as a literal dot, so only the part
 * before the first unescaped `.` or `[` has to be a column of the rows.
 */
export function fieldHead(field: string): string {
  let head = ''
  for (let i = 0; i < field.length; i++) {
    const char = field[i]
    if (char === '\\' && i + 1 < field.length) {
      head += field[++i]
      continue
    }
    if (char === '.' || char === '[') break
    head += char
  }
  return head
}

function suggestField(field: string, available: readonly string[]): string | undefined {
  // `cost.usd` when the column is literally named "cost.usd": the fix is escaping the dot.
  if (available.includes(field)) return field.replaceAll('.', '\\.').replaceAll('[', '\\[')
  return closestMatch(fieldHead(field), available)
}
