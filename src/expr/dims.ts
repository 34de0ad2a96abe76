/**
 * Unit algebra for expressions: dimension vectors add under `*`, subtract under `/`, and must
 * match under `+`, `-`, `min`, `max` and comparisons. Results keep a readable symbol: an
 * operand's, `×` for a ratio, a declared unit with the same dimensions, or a composed one.
 */
import { type Dimension, type Dimensions, isUnitSymbol, units } from '../model/units.ts'

/** A unit as expressions carry it: the symbol to display and the dimensions to check. */
export interface Unit {
  readonly symbol: string
  readonly dims: Dimensions
}

// Record keyed by Dimension so adding a dimension in units.ts without ranking it here fails tsc.
const rank: Record<Dimension, number> = {
  USD: 0,
  GPU: 1,
  h: 2,
  s: 3,
  FLOP: 4,
  TFLOP: 5,
  token: 6,
  param: 7,
  pair: 8,
  call: 9,
  example: 10,
  week: 11,
}

/** Base dimensions in display order (money first, as in `USD/GPU·h`). */
const dimensionOrder = (Object.keys(rank) as Dimension[]).sort((a, b) => rank[a] - rank[b])

/** The unit of a plain dimensionless ratio, such as one cost divided by another. */
export const ratioUnit: Unit = { symbol: '×', dims: {} }

/** The unit given to a bare number that never met a unit (`:val[2 * 3]`). */
export const countUnit: Unit = { symbol: 'count', dims: {} }

/** A copy with zero exponents dropped, so that equal vectors compare equal. */
function normalise(dims: Dimensions): Dimensions {
  const out: Dimensions = {}
  for (const dimension of dimensionOrder) {
    const exponent = dims[dimension] ?? 0
    if (exponent !== 0) out[dimension] = exponent
  }
  return out
}

/** Whether two dimension vectors are the same quantity kind. */
export function sameDims(a: Dimensions, b: Dimensions): boolean {
  return dimensionOrder.every((d) => (a[d] ?? 0) === (b[d] ?? 0))
}

function combine(a: Dimensions, b: Dimensions, sign: 1 | -1): Dimensions {
  const out: Dimensions = {}
  for (const dimension of dimensionOrder) {
    out[dimension] = (a[dimension] ?? 0) + sign * (b[dimension] ?? 0)
  }
  return normalise(out)
}

/** The unit a figure declares, or undefined for a symbol units.ts does not know. */
export function unitFromSymbol(symbol: string): Unit | undefined {
  if (!isUnitSymbol(symbol)) return undefined
  return { symbol, dims: normalise(units[symbol].dims) }
}

const superscriptDigits = '⁰¹²³⁴⁵⁶⁷⁸⁹'

function superscript(exponent: number): string {
  if (exponent === 1) return ''
  return [...String(exponent)].map((c) => (c === '-' ? '⁻' : superscriptDigits[Number(c)])).join('')
}

function product(parts: readonly string[]): string {
  return parts.join('·')
}

/** A readable symbol for dimensions no declared unit has, e.g. `USD·h` or `USD/(GPU·h)`. */
export function composeSymbol(dims: Dimensions): string {
  const up: string[] = []
  const down: string[] = []
  for (const dimension of dimensionOrder) {
    const exponent = dims[dimension] ?? 0
    if (exponent > 0) up.push(`${dimension}${superscript(exponent)}`)
    if (exponent < 0) down.push(`${dimension}${superscript(-exponent)}`)
  }
  const numerator = up.length === 0 ? '1' : product(up)
  if (down.length === 0) return numerator
  const denominator = down.length === 1 ? product(down) : `(${product(down)})`
  return `${numerator}/${denominator}`
}

/** A unit for derived dimensions: `×` when dimensionless, else a declared unit, else composed. */
function unitForDims(dims: Dimensions): Unit {
  if (sameDims(dims, {})) return ratioUnit
  for (const symbol of Object.keys(units)) {
    const unit = unitFromSymbol(symbol)
    if (unit && sameDims(unit.dims, dims)) return unit
  }
  return { symbol: composeSymbol(dims), dims }
}

/** Keeps an operand's symbol when the result has its dimensions, so `x * 2` stays in x's unit. */
function derived(dims: Dimensions, operands: readonly Unit[]): Unit {
  return operands.find((unit) => sameDims(unit.dims, dims)) ?? unitForDims(dims)
}

/** The unit of `a * b`; undefined stands for a bare number and acts as dimensionless. */
export function multiplyUnits(a: Unit | undefined, b: Unit | undefined): Unit | undefined {
  if (!a || !b) return a ?? b
  return derived(combine(a.dims, b.dims, 1), [a, b])
}

/** The unit of `a / b`; dividing like by like is a ratio (`USD / USD` → `×`). */
export function divideUnits(a: Unit | undefined, b: Unit | undefined): Unit | undefined {
  if (!b) return a
  const dims = combine(a?.dims ?? {}, b.dims, -1)
  if (a && sameDims(a.dims, b.dims)) return ratioUnit
  return derived(dims, a ? [a, b] : [b])
}
