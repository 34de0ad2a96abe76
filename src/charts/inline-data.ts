/**
 * Chart specs cannot smuggle numbers or stall the build: inline data (`data.values`, a top-level
 * `datasets`) and generators (`data.sequence`, `graticule`) are refused unless the spec marks a
 * deliberate exception with a reason (`"usermeta": {"inlineDataReason": "…"}`), and every dataset
 * a chart renders is capped in cells (rows × fields), generators included.
 */
import { messages } from '../diagnostics/messages.ts'
import { ChartError } from './errors.ts'
import type { ChartDatasets } from './validate.ts'

/** The most cells (rows × fields) one dataset of a chart may have. */
export const MAX_CHART_CELLS = 20_000

const generators = ['sequence', 'graticule', 'sphere'] as const

/** Throws ChartError (with a JSON pointer) for inline data or a dataset above the cap. */
export function checkChartDataLimits(spec: Record<string, unknown>, datasets: ChartDatasets): void {
  const reason = (spec.usermeta as { inlineDataReason?: unknown } | undefined)?.inlineDataReason
  const excepted = typeof reason === 'string' && reason.trim() !== ''
  const fail = (
    message: { reason: string; hint: string },
    ruleId: 'chart-inline-data' | 'chart-too-large',
    pointer: string,
  ) => new ChartError({ ...message, ruleId, specPointer: pointer })
  const checkRows = (rows: readonly unknown[], pointer: string) => {
    const first = rows[0]
    const fields = typeof first === 'object' && first !== null ? Object.keys(first).length : 1
    const cells = rows.length * Math.max(fields, 1)
    if (cells > MAX_CHART_CELLS)
      throw fail(messages.chartTooLarge(cells, MAX_CHART_CELLS), 'chart-too-large', pointer)
  }
  const visit = (node: unknown, pointer: string): void => {
    if (Array.isArray(node)) {
      for (const [i, child] of node.entries()) visit(child, `${pointer}/${i}`)
      return
    }
    if (typeof node !== 'object' || node === null) return
    for (const [key, value] of Object.entries(node)) {
      const at = `${pointer}/${escapePointer(key)}`
      if (key === 'data' && typeof value === 'object' && value !== null) checkData(value, at)
      visit(value, at)
    }
  }
  const checkData = (data: object, pointer: string) => {
    const record = data as Record<string, unknown>
    if ('values' in record) {
      if (!excepted)
        throw fail(messages.chartInlineData('values'), 'chart-inline-data', `${pointer}/values`)
      if (Array.isArray(record.values)) checkRows(record.values, `${pointer}/values`)
    }
    for (const kind of generators) {
      if (!(kind in record)) continue
      if (!excepted)
        throw fail(messages.chartInlineData(kind), 'chart-inline-data', `${pointer}/${kind}`)
      if (kind === 'sequence') checkSequence(record.sequence, `${pointer}/sequence`)
    }
  }
  const checkSequence = (sequence: unknown, pointer: string) => {
    const { start = 0, stop = 0, step = 1 } = (sequence ?? {}) as Record<string, unknown>
    const rows =
      typeof start === 'number' && typeof stop === 'number' && typeof step === 'number' && step
        ? Math.ceil((stop - start) / step)
        : Number.POSITIVE_INFINITY
    if (!(rows <= MAX_CHART_CELLS))
      throw fail(messages.chartTooLarge(rows, MAX_CHART_CELLS), 'chart-too-large', pointer)
  }
  if ('datasets' in spec && !excepted)
    throw fail(messages.chartInlineData('datasets'), 'chart-inline-data', '/datasets')
  visit(spec, '')
  for (const rows of Object.values(datasets)) checkRows(rows, '/data')
}

const escapePointer = (key: string) => key.replaceAll('~', '~0').replaceAll('/', '~1')
