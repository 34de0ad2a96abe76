/**
 * `<slug>/figures.json`: every number the page shows (its record), and every model figure
 * behind them (the closure of their dependencies) with value, unit, formatted string and
 * provenance, per scenario.
 */
import type { VFile } from 'vfile'
import { formatFigure } from '../format/figure.ts'
import { keptWith, RecentMap } from '../memo.ts'
import { dependencyClosure, type Evaluation } from '../model/index.ts'
import type { ModelSession } from '../pipeline/session.ts'
import type { TextParts } from './sink.ts'

/**
 * The JSON text, stable key order, ending with a newline: byte for byte what
 * `JSON.stringify(…, null, 2)` gives for the whole object (tested), but made in small pieces
 * (TextParts: the writer encodes them one after another). Written as one string it was ~450,000 characters, two bytes each (the text has
 * "–" in it): flattening and encoding it took ~420 fresh memory pages a page, each page fault
 * ~10 µs on these machines, and left out of a 100-page build it saved 15–20% of the time.
 * Each scenario's block (~300 KB of the file) is encoded once a session (scenarioBlock); each
 * record the page shows is stringified on its own, so no string of the whole file is made.
 */
export function figuresJson(
  file: VFile,
  session: ModelSession,
  build: { commit: string; modelHash: string },
): TextParts {
  const shown = file.data.shown ?? []
  const opening = JSON.stringify(
    {
      article: file.path,
      defaultScenario: session.defaultScenario,
      settings: session.settings,
      sampling: session.sampling,
      build,
    },
    null,
    2,
  )
  const text: (string | Uint8Array)[] = []
  text.push(`${opening.slice(0, -2)},\n  "shown": `)
  if (shown.length === 0) text.push('[]')
  else {
    text.push('[\n    ')
    for (let i = 0; i < shown.length; i += RECORDS_AT_ONCE) {
      if (i > 0) text.push(',\n    ')
      text.push(recordsAtDepth(shown.slice(i, i + RECORDS_AT_ONCE)))
    }
    text.push('\n  ]')
  }
  text.push(',\n  "scenarios": ')
  const names = [...new Set(shown.map((s) => s.scenario))].sort()
  if (names.length === 0) text.push('{}')
  else {
    names.forEach((name, i) => {
      text.push(`${i > 0 ? ',' : '{'}\n    ${JSON.stringify(name)}: `)
      text.push(scenarioBlock(session, name, shown))
    })
    text.push('\n  }')
  }
  text.push('\n}\n')
  return { parts: text }
}

/**
 * The JSON of a part of the file as it stands in its place: the part is stringified inside an
 * object shaped like the file around it, so JSON.stringify indents it for that place itself, and
 * the text of that shape (`head` before the part, `tail` after it) is cut off. Re-indenting each
 * part's own text afterwards made a second copy of it.
 */
function atPlace(shape: unknown, head: string, tail: string): string {
  const json = JSON.stringify(shape, null, 2)
  return json.slice(head.length, json.length - tail.length)
}

/** Shown records are stringified a few dozen at a time (each one alone cost a call apiece). */
const RECORDS_AT_ONCE = 32

/** `records` as they stand in figures.json's `shown`, separated by commas, without the brackets. */
const recordsAtDepth = (records: readonly unknown[]): string =>
  atPlace({ shown: records }, '{\n  "shown": [\n    ', '\n  ]\n}')

/**
 * A scenario's block of figures.json (its overrides, and the figures behind what the page shows
 * under it) as UTF-8, indented for its place, by session and the figures it lists: every prose
 * edit under `npm run dev`, and pages that show the same figures, list the same ones. The last
 * few only (a block is ~300 KB): a thousand articles that each show other figures must not keep
 * a thousand blocks.
 */
const blocks = keptWith((_session: ModelSession) => new RecentMap<string, Uint8Array>(16))

function scenarioBlock(
  session: ModelSession,
  name: string,
  shown: readonly { scenario: string; figures: readonly string[] }[],
): Uint8Array {
  const { evaluation, overrides } = session.evaluation(name)
  const ids = dependencyClosure(
    evaluation,
    shown.filter((s) => s.scenario === name).flatMap((s) => s.figures),
  )
  const known = blocks(session)
  const key = `${name}\u0000${ids.join('\u0000')}`
  let bytes = known.get(key)
  if (bytes === undefined) {
    const block = {
      overrides: Object.fromEntries([...overrides].map(([id, o]) => [id, o])),
      figures: Object.fromEntries(
        ids.map((id) => [id, figureEntry(session, name, evaluation, id)]),
      ),
    }
    bytes = Buffer.from(
      atPlace(
        { scenarios: { [name]: block } },
        `{\n  "scenarios": {\n    ${JSON.stringify(name)}: `,
        '\n  }\n}',
      ),
    )
    known.set(key, bytes)
  }
  return bytes
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
