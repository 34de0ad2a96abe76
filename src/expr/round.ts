/**
 * Rounding as the expression language defines it, in a module of its own: the compiled
 * expressions (compile.ts) that the browser bundle carries need it without the evaluator, whose
 * imports reach the parser (jsep).
 */

/** Half away from zero, as spreadsheets round; negative digits round to tens, hundreds, … */
export function roundTo(value: number, digits: number): number {
  const factor = 10 ** Math.abs(digits)
  const magnitude = Math.abs(value)
  // Beyond 2^53 a double has no fractional digits left to round; scaling would only overflow.
  if (digits > 0 && magnitude * factor >= Number.MAX_SAFE_INTEGER) return value
  const rounded =
    digits >= 0 ? Math.round(magnitude * factor) / factor : Math.round(magnitude / factor) * factor
  return Math.sign(value) * rounded
}
