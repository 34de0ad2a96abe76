/**
 * A 90% interval as prose shows it: `25–120×`, `$112–$775`. The bounds are rounded more than
 * the point value (they are ranges, not measurements), and a unit mark that both bounds carry
 * at the end (×, %) is written once.
 */
import { formatNumber } from './number.ts'

/** Coarser formats for interval bounds. */
const boundFormats: Readonly<Record<string, string>> = {
  ratio: 'ratio0',
  usd: 'usd0',
  hours: 'int',
}

/** The format interval bounds are shown in, given the point value's format. */
export function boundFormat(format: string): string {
  return boundFormats[format] ?? format
}

/** `low–high` in the bound format of `format`. */
export function formatInterval(low: number, high: number, format: string): string {
  const spec = boundFormat(format)
  const a = formatNumber(low, spec)
  const b = formatNumber(high, spec)
  const mark = /[\u00d7%]$/.exec(b)?.[0]
  return `${mark && a.endsWith(mark) ? a.slice(0, -mark.length) : a}–${b}`
}
