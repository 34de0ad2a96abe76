/**
 * `<slug>/figures.json`: every number the page shows (its record), and every model figure
 * behind them (the closure of their dependencies) with value, unit, formatted string and
 * provenance, per scenario.
 */
import type { VFile } from 'vfile'
import { formatFigure } from '../format/figure.ts'
import { keptWith } from '../memo.ts'
import { dependencyClosure, type Evaluation } from '../model/index.ts'
import type { ModelSession } from '../pipeline/session.ts'

/** The JSON text, stable key order, ending with a newline. */
export function figuresJson(
  file: VFile,
  session: ModelSession,
  build: { commit: string; modelHash: string },
): string {
  const shown = file.data.shown ?? []
  const scenarios: Record<string, Record<string, unknown>> = {}
  for (const name of [...new Set(shown.map((s) => s.scenario))].sort()) {
    const { evaluation, overrides } = session.evaluation(name)
    const ids = dependencyClosure(
      evaluation,
      shown.filter((s) => s.scenario === name).flatMap((s) => s.figures),
    )
    scenarios[name] = {
      overrides: Object.fromEntries([...overrides].map(([id, o]) => [id, o])),
      figures: Object.fromEntries(
        ids.map((id) => [id, figureEntry(session, name, evaluation, id)]),
      ),
    }
  }
  const json = {
    article: file.path,
    defaultScenario: session.defaultScenario,
    settings: session.settings,
    sampling: session.sampling,
    build,
    shown,
    scenarios,
  }
  return `${JSON.stringify(json, null, 2)}\n`
}

/** Figure entries by session, scenario and id: every page of a site lists the same ones. */
const entries = keptWith((_session: ModelSession) => new Map<string, Record<string, unknown>>())

function figureEntry(
  session: ModelSession,
  scenario: string,
  evaluation: Evaluation,
  id: string,
): Record<string, unknown> {
  const known = entries(session)
  const key = `${scenario}\u0000${id}`
  let entry = known.get(key)
  if (!entry) {
    // Intervals over the input ranges for the page's own scenario (the one its text uses).
    const q =
      scenario === session.defaultScenario ? session.uncertainty(scenario).quantiles(id) : undefined
    const spread = q && q.p95 > q.p5 ? { interval: [q.p5, q.p95], median: q.p50 } : {}
    entry = { ...describe(evaluation, id), ...spread }
    known.set(key, entry)
  }
  return entry
}

function describe(evaluation: Evaluation, id: string): Record<string, unknown> {
  const f = evaluation.figure(id)
  const base = {
    value: f.value,
    unit: f.unit,
    formatted: formatFigure(f),
    label: f.label,
    kind: f.provenance.kind,
  }
  return f.provenance.kind === 'input'
    ? {
        ...base,
        source: f.provenance.source,
        note: f.provenance.note,
        overridden: f.provenance.overridden,
      }
    : { ...base, formula: f.provenance.formula, deps: f.provenance.deps }
}
