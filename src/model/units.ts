/**
 * Units of the cost model. A unit is a display symbol plus a dimension vector, so that the
 * expression language can check `USD + GPU·h` (an error) and derive `USD ÷ USD` (a ratio).
 * Each unit also names the number format a figure in that unit gets by default.
 */

/** Base dimensions. Dimensionless quantities (counts, ratios, shares) have none. */
export type Dimension =
  | 'USD'
  | 'GPU'
  | 'h'
  | 's'
  | 'FLOP'
  | 'TFLOP'
  | 'token'
  | 'param'
  | 'pair'
  | 'call'
  | 'example'
  | 'week'

/** Exponent per base dimension; absent means 0. */
export type Dimensions = Partial<Record<Dimension, number>>

/** A unit as the model declares it. */
export interface UnitSpec {
  /** Dimension vector used for arithmetic checks. */
  readonly dims: Dimensions
  /** Named format (see src/format) used when a directive gives none. */
  readonly format: string
  /** Human name, used in tooltips and tables. */
  readonly label: string
}

/** Every unit a figure may carry. The key is the symbol printed in tables and `--json`. */
export const units = {
  USD: { dims: { USD: 1 }, format: 'usd', label: 'US dollars' },
  'USD/pair': { dims: { USD: 1, pair: -1 }, format: 'usdPerPair', label: 'US dollars per pair' },
  'USD/GPU·h': {
    dims: { USD: 1, GPU: -1, h: -1 },
    format: 'usd2',
    label: 'US dollars per GPU-hour',
  },
  GPU·h: { dims: { GPU: 1, h: 1 }, format: 'hours', label: 'GPU-hours' },
  FLOP: { dims: { FLOP: 1 }, format: 'sci', label: 'floating-point operations' },
  'TFLOP/s': { dims: { TFLOP: 1, s: -1, GPU: -1 }, format: 'tflops', label: 'TFLOP/s per GPU' },
  'FLOP/(token·param)': {
    dims: { FLOP: 1, token: -1, param: -1 },
    format: 'int',
    label: 'FLOPs per token per parameter',
  },
  's/h': { dims: { s: 1, h: -1 }, format: 'int', label: 'seconds per hour' },
  tokens: { dims: { token: 1 }, format: 'si', label: 'tokens' },
  params: { dims: { param: 1 }, format: 'si', label: 'parameters' },
  pairs: { dims: { pair: 1 }, format: 'int', label: 'preference pairs' },
  calls: { dims: { call: 1 }, format: 'int', label: 'inference calls' },
  'calls/pair': { dims: { call: 1, pair: -1 }, format: 'decimal', label: 'calls per pair' },
  examples: { dims: { example: 1 }, format: 'int', label: 'examples' },
  weeks: { dims: { week: 1 }, format: 'int', label: 'weeks' },
  count: { dims: {}, format: 'decimal', label: 'count' },
  '×': { dims: {}, format: 'ratio', label: 'ratio' },
  '%': { dims: {}, format: 'pct', label: 'share' },
} as const satisfies Record<string, UnitSpec>

/** A unit symbol the model knows. */
export type UnitSymbol = keyof typeof units

/** Whether a string is a known unit symbol. */
export function isUnitSymbol(symbol: string): symbol is UnitSymbol {
  return Object.hasOwn(units, symbol)
}
