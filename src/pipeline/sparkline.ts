/**
 * A figure's distribution over the Monte Carlo draws as a tiny static SVG for its popover: a
 * filled histogram between the 1st and 99th percentiles, the 90% interval shaded darker and the
 * point value marked. Plain hast (no script, no style attribute beyond presentation).
 */
import type { Element } from 'hast'
import { s } from 'hastscript'
import { quantileAt } from '../model/index.ts'

const WIDTH = 160
const HEIGHT = 32
const BINS = 32

const round = (value: number): number => Math.round(value * 10) / 10

/** The sparkline of sorted draws, with `point` marked. */
export function sparkline(sorted: Float64Array, point: number): Element {
  const lo = quantileAt(sorted, 0.01)
  const hi = quantileAt(sorted, 0.99)
  const span = hi - lo || 1
  const counts = new Int32Array(BINS)
  for (const v of sorted) {
    if (v < lo || v > hi) continue
    const bin = Math.min(BINS - 1, Math.floor(((v - lo) / span) * BINS))
    counts[bin] = (counts[bin] ?? 0) + 1
  }
  const peak = Math.max(...counts, 1)
  const x = (v: number) => round(((v - lo) / span) * WIDTH)
  const bar = round(WIDTH / BINS)
  // One closed outline of the histogram (a staircase), a third of the bytes of one box per bin;
  // whole units of height (a 32-unit box) and relative steps keep each step to a few bytes.
  const steps = Array.from(
    counts,
    (c) => `V${Math.round(HEIGHT - (c / peak) * (HEIGHT - 2))}h${bar}`,
  )
  const path = `M0 ${HEIGHT}${steps.join('')}V${HEIGHT}z`
  const p5 = x(quantileAt(sorted, 0.05))
  const p95 = x(quantileAt(sorted, 0.95))
  // Decorative beside the interval line above it, which says the same in words: hidden from
  // assistive technology, and styled by element (style.css), so each costs few bytes.
  return s(
    'svg',
    {
      className: ['sparkline'],
      viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
      width: WIDTH,
      height: HEIGHT,
      ariaHidden: 'true',
    },
    [
      s('rect', { x: p5, y: 0, width: round(p95 - p5), height: HEIGHT }),
      s('path', { d: path }),
      ...(point >= lo && point <= hi
        ? [s('line', { x1: x(point), x2: x(point), y1: 0, y2: HEIGHT })]
        : []),
    ],
  )
}
