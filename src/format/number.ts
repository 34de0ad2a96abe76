/**
 * Number display. Formatting goes through d3-format (the specifiers Vega-Lite axes use) with a
 * fixed en-US locale and an ASCII minus, so output never depends on Node's ICU data.
 * A format is either one of the named formats below or any d3-format specifier.
 */
import { formatLocale } from 'd3-format'
import { messages } from '../diagnostics/messages.ts'
import { UserError } from '../diagnostics/user-error.ts'

/** Turns a number into its displayed string. */
export type Formatter = (value: number) => string

const locale = formatLocale({
  decimal: '.',
  thousands: ',',
  grouping: [3],
  currency: ['$', ''],
  minus: '-',
})

/** d3's formatter for a specifier, made once: the named formats ask for theirs on every call. */
const d3Formatters = new Map<string, Formatter>()
const d3 = (specifier: string): Formatter => {
  let format = d3Formatters.get(specifier)
  if (!format) {
    format = locale.format(specifier)
    d3Formatters.set(specifier, format)
  }
  return format
}

const superscripts: Record<string, string> = {
  '-': '⁻',
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
}

function superscript(exponent: number): string {
  return [...String(exponent)].map((c) => superscripts[c] ?? c).join('')
}

/** `8.3×10¹⁸`: two significant digits, as the article prints FLOP counts. */
function scientific(value: number, step: number): string {
  if (value === 0) return '0'
  let exponent = Math.floor(Math.log10(Math.abs(value)) / step) * step
  let mantissa = value / 10 ** exponent
  // Rounding can carry the mantissa to the next power (9.96 → 10): renormalise.
  if (step === 1 && Math.abs(Number(mantissa.toPrecision(2))) >= 10) {
    exponent += 1
    mantissa = value / 10 ** exponent
  }
  const digits = step === 1 ? d3('.2~r')(mantissa) : d3('.3~r')(mantissa)
  return `${digits}×10${superscript(exponent)}`
}

/** SI prefixes as English prose uses them: 70B, 11K, 19.8M (d3 prints G and k). */
function siPrefix(value: number): string {
  return d3('.3~s')(value).replace(/G$/, 'B').replace(/k$/, 'K')
}

function words(value: number): string {
  const scales: Array<[number, string]> = [
    [1e12, 'trillion'],
    [1e9, 'billion'],
    [1e6, 'million'],
  ]
  for (const [scale, name] of scales) {
    if (Math.abs(value) >= scale) return `${d3('.3~r')(value / scale)} ${name}`
  }
  return d3(',.0f')(value)
}

/** The named formats, with the reason each exists in its doc line. */
export const namedFormats: Readonly<Record<string, { describe: string; format: Formatter }>> = {
  usd: {
    describe: 'dollars: cents below $1,000 ($42.54), whole dollars above ($3,272)',
    format: (v) => (Math.abs(v) >= 1000 ? d3('$,.0f')(v) : d3('$,.2f')(v)),
  },
  usd0: { describe: 'whole dollars ($280)', format: d3('$,.0f') },
  usd2: { describe: 'dollars and cents ($2.50)', format: d3('$,.2f') },
  usdPerPair: {
    describe: 'price per item: two significant digits below ten cents ($0.026), else cents',
    format: (v) => (Math.abs(v) < 0.1 ? d3('$.2r')(v) : d3('$,.2f')(v)),
  },
  int: { describe: 'whole number with thousands separators (1,720,320)', format: d3(',.0f') },
  decimal: { describe: 'up to three decimals, trailing zeros trimmed (0.5)', format: d3(',.3~f') },
  hours: {
    describe: 'hours: one decimal below 1,000 (17.0), whole above',
    format: (v) => (Math.abs(v) >= 1000 ? d3(',.0f')(v) : d3(',.1f')(v)),
  },
  tflops: { describe: 'one decimal (135.6)', format: d3(',.1f') },
  si: { describe: 'SI prefix, three significant digits (19.8M, 70B, 11K)', format: siPrefix },
  si2: {
    describe: 'SI prefix, two significant digits (11K)',
    format: (v) => d3('.2~s')(v).replace(/G$/, 'B').replace(/k$/, 'K'),
  },
  sci: {
    describe: 'scientific, two significant digits (8.3×10¹⁸)',
    format: (v) => scientific(v, 1),
  },
  eng: { describe: 'engineering notation (70×10⁹)', format: (v) => scientific(v, 3) },
  words: { describe: 'large numbers in words (1 million)', format: words },
  ratio: { describe: 'multiple, one decimal (11.7×)', format: (v) => `${d3(',.1f')(v)}×` },
  ratio0: { describe: 'whole multiple (11×)', format: (v) => `${d3(',.0f')(v)}×` },
  pct: { describe: 'percentage (40%)', format: d3('.0%') },
}

/** Why a format string was rejected. */
export class FormatError extends UserError {
  constructor(message: { reason: string; hint?: string | undefined }) {
    super({ ruleId: 'unknown-format', ...message })
    this.name = 'FormatError'
  }
}

const cache = new Map<string, Formatter>()

/**
 * Resolves a named format or d3-format specifier to a formatter.
 * Throws FormatError for a string that is neither.
 */
export function formatter(spec: string): Formatter {
  const cached = cache.get(spec)
  if (cached) return cached
  const named = Object.hasOwn(namedFormats, spec) ? namedFormats[spec] : undefined
  let result: Formatter
  if (named) {
    result = named.format
  } else {
    try {
      result = d3(spec)
    } catch {
      throw new FormatError(messages.unknownFormat(spec, Object.keys(namedFormats)))
    }
  }
  cache.set(spec, result)
  return result
}

/** Formats a value with a named format or d3 specifier. */
export function formatNumber(value: number, spec: string): string {
  return formatter(spec)(value)
}
