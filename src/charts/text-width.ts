/**
 * How wide Vega thinks chart text is. Without a canvas (we must not install one: it changes
 * metrics by machine) Vega guesses 0.8 em for every character, half again as wide as real sans
 * text. Titles, axis labels and legend entries were cut with "…" at limits they would have fitted,
 * and layouts kept room for text that was not there. This estimate uses the advance widths of a
 * common sans-serif (Helvetica's metrics, the widths most system UI fonts follow), scaled up a
 * little so that wider fonts (DejaVu Sans on Linux) still fit. Pure: the same text always gets
 * the same width, on every machine.
 */

/** Helvetica advance widths in thousandths of an em, by character. */
const ADVANCE: Readonly<Record<string, number>> = {
  ' ': 278,
  '!': 278,
  '"': 355,
  '#': 556,
  $: 556,
  '%': 889,
  '&': 667,
  "'": 191,
  '(': 333,
  ')': 333,
  '*': 389,
  '+': 584,
  ',': 278,
  '-': 333,
  '.': 278,
  '/': 278,
  ':': 278,
  ';': 278,
  '<': 584,
  '=': 584,
  '>': 584,
  '?': 556,
  '@': 1015,
  '[': 278,
  ']': 278,
  _: 556,
  '|': 260,
  '×': 584,
  '–': 556,
  '—': 1000,
  '…': 1000,
  '·': 278,
  '’': 222,
  '÷': 584,
  '≥': 584,
  '≤': 584,
}
const DIGIT = 556
const LOWER: Readonly<Record<string, number>> = {
  a: 556,
  b: 556,
  c: 500,
  d: 556,
  e: 556,
  f: 278,
  g: 556,
  h: 556,
  i: 222,
  j: 222,
  k: 500,
  l: 222,
  m: 833,
  n: 556,
  o: 556,
  p: 556,
  q: 556,
  r: 333,
  s: 500,
  t: 278,
  u: 556,
  v: 500,
  w: 722,
  x: 500,
  y: 500,
  z: 500,
}
const UPPER: Readonly<Record<string, number>> = {
  A: 667,
  B: 667,
  C: 722,
  D: 722,
  E: 667,
  F: 611,
  G: 778,
  H: 722,
  I: 278,
  J: 500,
  K: 667,
  L: 556,
  M: 833,
  N: 722,
  O: 778,
  P: 667,
  Q: 778,
  R: 722,
  S: 667,
  T: 611,
  U: 722,
  V: 667,
  W: 944,
  X: 667,
  Y: 667,
  Z: 611,
}
/** Anything else (other scripts, symbols): as wide as a wide letter. */
const OTHER = 750
/** Headroom for system fonts wider than Helvetica (DejaVu Sans, on Linux, is about 1.15×). */
const SAFETY = 1.16

function advance(char: string): number {
  if (char >= '0' && char <= '9') return DIGIT
  return ADVANCE[char] ?? LOWER[char] ?? UPPER[char] ?? OTHER
}

/** The width in pixels of `text` set at `fontSize` pixels. */
export function estimateTextWidth(text: string, fontSize: number): number {
  let thousandths = 0
  for (const char of text) thousandths += advance(char)
  return Math.ceil(((thousandths * SAFETY) / 1000) * fontSize)
}

/** A scene item as Vega's text measurement sees it. */
interface TextItem {
  readonly fontSize?: number
  readonly fontWeight?: string | number
  readonly text?: unknown
}

/** How much wider bold text sets than regular (Helvetica Bold against Helvetica, with margin). */
const BOLD = 1.12

const isBold = (weight: string | number | undefined): boolean =>
  weight === 'bold' || weight === 'bolder' || (typeof weight === 'number' && weight >= 600)

/**
 * Vega's `textMetrics.width(item, text)`: the item's text (or `text`, a line of it) at the item's
 * font size (Vega's default 11 px), wider when bold.
 */
export function vegaTextWidth(item: TextItem, text?: unknown): number {
  const value = text ?? item.text
  const line = value == null ? '' : Array.isArray(value) ? value.join(' ') : String(value)
  const size = typeof item.fontSize === 'number' ? item.fontSize : 11
  if (size <= 0) return 0
  const width = estimateTextWidth(line, size)
  return isBold(item.fontWeight) ? Math.ceil(width * BOLD) : width
}
