/**
 * A figure's distribution over the Monte Carlo draws as a tiny static SVG for its popover: a
 * filled histogram between the 1st and 99th percentiles, the 90% interval shaded darker and the
 * point value marked. Plain hast (no script, no style attribute beyond presentation).
 */
import type { Element } from 'hast'
import { s } from 'hastscript'
import { keptWith } from '../memo.ts'
import type { Ranked } from '../model/index.ts'

const WIDTH = 160
const HEIGHT = 32
const BINS = 32

const round = (value: number): number => Math.round(value * 10) / 10

/** What a sparkline draws from its draws alone: worked out once for each figure's draws. */
interface Histogram {
  readonly lo: number
  readonly span: number
  readonly path: string
  readonly p5: number
  readonly p95: number
}

/** Histograms by the draws they come from: every popover of a figure draws the same. */
const histogram = keptWith((ranked: Ranked): Histogram => {
  const lo = ranked.at(0.01)
  const hi = ranked.at(0.99)
  const span = hi - lo || 1
  const counts = new Int32Array(BINS)
  // Counts do not depend on the order of the draws: no sort, a few selections (ranked.at). An
  // indexed loop: an iterator over the draws allocates in code still cold on a fresh build.
  const draws = ranked.draws
  for (let i = 0; i < draws.length; i++) {
    const v = draws[i] as number
    if (v < lo || v > hi) continue
    const bin = Math.min(BINS - 1, Math.floor(((v - lo) / span) * BINS))
    counts[bin] = (counts[bin] ?? 0) + 1
  }
  const peak = Math.max(...counts, 1)
  const bar = round(WIDTH / BINS)
  // One closed outline of the histogram (a staircase), a third of the bytes of one box per bin;
  // whole units of height (a 32-unit box) and relative steps keep each step to a few bytes.
  const steps = Array.from(
    counts,
    (c) => `V${Math.round(HEIGHT - (c / peak) * (HEIGHT - 2))}h${bar}`,
  )
  const x = (v: number) => round(((v - lo) / span) * WIDTH)
  return {
    lo,
    span,
    path: `M0 ${HEIGHT}${steps.join('')}V${HEIGHT}z`,
    p5: x(ranked.at(0.05)),
    p95: x(ranked.at(0.95)),
  }
})

/** The sparkline of a figure's draws, with `point` marked. */
export function sparkline(ranked: Ranked, point: number): Element {
  const { lo, span, path, p5, p95 } = histogram(ranked)
  const hi = ranked.at(0.99)
  const x = (v: number) => round(((v - lo) / span) * WIDTH)
  // Decorative beside the interval line above it, which says the same in words: hidden from
  // assistive technology, and styled by element (style.css), so each costs few bytes.
  return s(
    'svg',
    {
      className: ['sparkline'],
      // Sized by the style sheet (`.sparkline`), which saves its width and height on each.
      viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
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
