/**
 * The figures snapshot: every figure under every scenario (value, unit, formatted string) and
 * every claim's result under every scenario, as a flat, sorted map. Serialised one entry per
 * line so `git diff` of content/figures.snapshot.json reads as a list of changed numbers.
 */

import { ExprError } from '../expr/index.ts'
import { formatFigure } from '../format/figure.ts'
import type { Claim } from '../pipeline/records.ts'
import { claimHolds, type ModelSession } from '../pipeline/session.ts'

/** One snapshot entry: a figure, a figure's 90% interval over the draws, or a claim. */
export type SnapshotEntry =
  | { readonly value: number; readonly unit: string; readonly formatted: string }
  | { readonly p5: number; readonly p50: number; readonly p95: number }
  | { readonly holds: boolean | null; readonly probability?: number | null }

/**
 * Entries by key: `figure <scenario> <id>`, `interval <scenario> <id>` (figures that the input
 * ranges move, with the build's fixed seed) or `claim <scenario> <file> <expression>`.
 */
export type Snapshot = ReadonlyMap<string, SnapshotEntry>

/**
 * Computes the snapshot of the model and of the claims found in the content, under every
 * scenario of the session's model (with the session's settings, normally none).
 */
export function computeSnapshot(
  session: ModelSession,
  claims: readonly (Pick<Claim, 'expression'> & { readonly file: string })[],
): Snapshot {
  const entries = new Map<string, SnapshotEntry>()
  for (const scenario of session.scenarios.map((s) => s.name)) {
    const { evaluation } = session.evaluation(scenario)
    const sample = session.uncertainty(scenario)
    for (const id of evaluation.model.ids) {
      const figure = evaluation.figure(id)
      entries.set(`figure ${scenario} ${id}`, {
        value: figure.value,
        unit: figure.unit,
        formatted: formatFigure(figure),
      })
      const { p5, p50, p95 } = sample.quantiles(id)
      if (p95 > p5) entries.set(`interval ${scenario} ${id}`, { p5, p50, p95 })
    }
    const seen = new Map<string, number>()
    for (const claim of claims) {
      const base = `claim ${scenario} ${claim.file} ${claim.expression}`
      const n = (seen.get(base) ?? 0) + 1
      seen.set(base, n)
      entries.set(n === 1 ? base : `${base} #${n}`, {
        holds: claimHolds(session, claim.expression, scenario),
        probability: claimProbability(session, claim.expression, scenario),
      })
    }
  }
  return new Map([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
}

// A claim that cannot be evaluated under a scenario records null, as its result does.
function claimProbability(session: ModelSession, expression: string, scenario: string) {
  try {
    return session.claimChance(expression, scenario).probability
  } catch (error) {
    if (error instanceof ExprError) return null
    throw error
  }
}

/** JSON text with one entry per line, keys sorted. */
export function serializeSnapshot(snapshot: Snapshot): string {
  const lines = [...snapshot].map(
    ([key, entry]) => `  ${JSON.stringify(key)}: ${JSON.stringify(entry)}`,
  )
  return `{\n${lines.join(',\n')}\n}\n`
}

/** Parses the committed snapshot. */
export function parseSnapshot(text: string): Snapshot {
  const parsed: unknown = JSON.parse(text)
  if (typeof parsed !== 'object' || parsed === null)
    throw new Error('snapshot is not a JSON object')
  return new Map(Object.entries(parsed as Record<string, SnapshotEntry>))
}
