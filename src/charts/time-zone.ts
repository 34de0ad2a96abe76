/**
 * Vega formats and bins dates in the process's local time zone, so a temporal chart built on a
 * laptop in Berlin and in CI (UTC) differs byte for byte (checked: the same spec gives different
 * SVGs under TZ=UTC and TZ=America/Los_Angeles; with a `utc` scale they are identical). This check
 * asks for UTC explicitly instead of changing `process.env.TZ` for the whole build. (Date strings
 * with a time but no zone are still parsed as local time; the model should emit numbers, plain
 * `YYYY-MM-DD` or ISO strings ending in `Z`.)
 */

import { chartMessages } from '../diagnostics/chart-messages.ts'
import { ChartError } from './errors.ts'

/** Throws ChartError `chart-warning` at the first date encoding or time unit in local time. */
export function assertUtcTime(node: unknown, pointer = ''): void {
  if (Array.isArray(node)) {
    for (const [i, child] of node.entries()) assertUtcTime(child, `${pointer}/${i}`)
    return
  }
  if (typeof node !== 'object' || node === null) return
  const object = node as Record<string, unknown>
  const problem = localTimeProblem(object)
  if (problem !== undefined) {
    throw new ChartError({
      ...chartMessages.localTime(problem.what),
      specPointer: `${pointer}${problem.at}`,
    })
  }
  for (const [key, value] of Object.entries(object)) {
    assertUtcTime(value, `${pointer}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`)
  }
}

function localTimeProblem(def: Record<string, unknown>): { what: string; at: string } | undefined {
  const scale = def.scale
  const scaleType =
    typeof scale === 'object' && scale !== null ? (scale as { type?: unknown }).type : undefined
  if (def.type === 'temporal' && scaleType !== 'utc') {
    return { what: 'temporal field without a `utc` scale', at: '/type' }
  }
  if (scaleType === 'time') return { what: '`time` scale', at: '/scale/type' }
  const unit = def.timeUnit
  if (typeof unit === 'string' && !unit.startsWith('utc')) {
    return { what: `time unit \`${unit}\``, at: '/timeUnit' }
  }
  if (typeof unit === 'object' && unit !== null && (unit as { utc?: unknown }).utc !== true) {
    const name = (unit as { unit?: unknown }).unit
    return { what: `time unit \`${String(name)}\` without \`"utc": true\``, at: '/timeUnit' }
  }
  return undefined
}
