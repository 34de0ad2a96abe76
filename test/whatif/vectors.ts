/** Helpers of the what-if parity tests: seeded random input vectors, shown texts of a page. */
import type { PageTable } from '../../src/whatif/types.ts'

/** The texts of the computed numbers (`[data-figure]` elements) in a built page, in page order. */
export function shownTexts(html: string): string[] {
  return [...html.matchAll(/<(button|span) [^>]*data-figure=[^>]*>([^<]*)<\/\1>/g)].map((m) =>
    decode(m[2] ?? ''),
  )
}

const decode = (s: string): string =>
  s
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(Number.parseInt(h, 16)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')

/** A seeded generator (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A random reader vector over the panel's inputs: each set or not, within a plausible range. */
export function randomVector(next: () => number, table: PageTable): Map<string, number> {
  const values = new Map<string, number>()
  for (const input of table.inputs) {
    if (next() < 0.4) continue
    if (input.choices) {
      const pick = input.choices[Math.floor(next() * input.choices.length)]
      if (pick) values.set(input.id, pick.value)
      continue
    }
    let value = input.value * 2 ** (next() * 2 - 1)
    if (input.constraint?.integer) value = Math.max(1, Math.round(value))
    else value = Number(value.toPrecision(3))
    values.set(input.id, value)
  }
  return values
}
