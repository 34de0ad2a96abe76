/**
 * The figures snapshot: every figure under every scenario (value, unit, formatted string) and
 * every claim's result under every scenario, as a flat, sorted map. Serialised one entry per
 * line so `git diff` of content/figures.snapshot.json reads as a list of changed numbers.
 */
import { ExprError, evaluateExpression } from '../expr/index.ts'
import { formatFigure } from '../format/figure.ts'
import { scenarioDefs } from '../model/index.ts'
import type { Claim } from '../pipeline/records.ts'
import { createModelSession } from '../pipeline/session.ts'

/** One snapshot entry: a figure or a claim. */
export type SnapshotEntry =
  | { readonly value: number; readonly unit: string; readonly formatted: string }
  | { readonly holds: boolean | null }

/** Entries by key: `figure <scenario> <id>` or `claim <scenario> <file> <expression>`. */
export type Snapshot = ReadonlyMap<string, SnapshotEntry>

/** Computes the snapshot of the model and of the claims found in the content. */
export function computeSnapshot(
  claims: readonly (Pick<Claim, 'expression'> & { readonly file: string })[],
): Snapshot {
  const entries = new Map<string, SnapshotEntry>()
  const session = createModelSession('published', [])
  for (const scenario of scenarioDefs.map((s) => s.name)) {
    const { evaluation } = session.evaluation(scenario)
    for (const id of evaluation.model.ids) {
      const figure = evaluation.figure(id)
      entries.set(`figure ${scenario} ${id}`, {
        value: figure.value,
        unit: figure.unit,
        formatted: formatFigure(figure),
      })
    }
    const seen = new Map<string, number>()
    for (const claim of claims) {
      const base = `claim ${scenario} ${claim.file} ${claim.expression}`
      const n = (seen.get(base) ?? 0) + 1
      seen.set(base, n)
      entries.set(n === 1 ? base : `${base} #${n}`, {
        holds: claimHolds(claim.expression, session.context(scenario)),
      })
    }
  }
  return new Map([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
}

// A claim that cannot be evaluated under a scenario (it names one that moved) records null.
function claimHolds(
  expression: string,
  context: Parameters<typeof evaluateExpression>[1],
): boolean | null {
  try {
    const { result } = evaluateExpression(expression, context)
    return result.kind === 'boolean' ? result.value : null
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
