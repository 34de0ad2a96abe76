/**
 * Fills the generated tables the content placed (see directives/generated.ts) once the whole
 * page is known: figures under every scenario, the scenario list, every claim of the page under
 * every scenario (claims are evaluated by the session, the one place that does), and every model
 * input with its source. Numbers are computed-number elements like the author's own.
 */
import type { Element, ElementContent, Properties } from 'hast'
import { h } from 'hastscript'
import type { VFile } from 'vfile'
import type { Bibliography } from '../citations/types.ts'
import { ExprError } from '../expr/index.ts'
import { formatNumber } from '../format/number.ts'
import { keptWith } from '../memo.ts'
import { dependencyClosure, scenarioOverrides } from '../model/index.ts'
import { claimAnchor } from './directives/check.ts'
import { citation, figureRecord, showNumber } from './figure-element.ts'
import type { Claim, GeneratedSlot } from './records.ts'
import { SCENARIO_LIST_ID } from './scenario-popover.ts'
import type { ModelSession } from './session.ts'
import { LABELLED_CLASS, labelTableCells, STACKED_CLASS } from './table-labels.ts'

/** Fills every slot of the page in place. */
export function fillGeneratedTables(
  file: VFile,
  session: ModelSession,
  bibliography: Bibliography | undefined,
): void {
  for (const slot of file.data.generatedSlots ?? []) {
    const filled = fill(slot, file, session, bibliography)
    Object.assign(slot.element, { tagName: filled.tagName, properties: filled.properties })
    slot.element.children = filled.children
  }
}

function fill(
  slot: GeneratedSlot,
  file: VFile,
  session: ModelSession,
  bibliography: Bibliography | undefined,
): Element {
  const number = (id: string, scenario: string) => {
    const record = figureRecord(session, id, scenario)
    if (slot.kind === 'inputs-table') return showNumber(file, { ...record, explainedBeside: true })
    const byScenario = scenario !== session.defaultScenario
    return showNumber(file, byScenario ? { ...record, byScenario } : record)
  }
  switch (slot.kind) {
    case 'scenario-table':
      return scenarioTable(slot, session, number)
    case 'scenario-list':
      return h(
        'dl',
        { id: SCENARIO_LIST_ID, className: ['scenario-list'] },
        session.scenarios.flatMap((s) => [
          h('dt', { id: `scenario-${s.name}` }, [s.label, ' ', h('code', [s.name])]),
          h('dd', [s.description]),
        ]),
      )
    case 'claims-table':
      return claimsTable(file.data.claims ?? [], slot.scenario, session, number)
    case 'inputs-table': {
      const filled = inputsTable(slot.scenario, session, bibliography, number)
      // Popovers of numbers resting on many inputs link here instead of repeating the list.
      const id = `model-inputs-${slot.scenario}`
      filled.properties.id = id
      file.data.inputsTables ??= {}
      file.data.inputsTables[slot.scenario] ??= id
      return filled
    }
  }
}

type NumberElement = (id: string, scenario: string) => Element

/** A cell's content: one node, or several; or a cell spanning columns, with its own label. */
type Cell = ElementContent | (ElementContent | string)[] | SpanningCell

interface SpanningCell {
  readonly span: number
  readonly label: string
  readonly className: string
  readonly content: (ElementContent | string)[]
}

const isSpanning = (cell: Cell): cell is SpanningCell => 'span' in cell && 'content' in cell

/**
 * The element `h(tagName, properties, children)` makes, written out for the tables' cells: the
 * claims table alone has hundreds a page, and hastscript's property lookups and child checks
 * were ~1 ms of each page. `properties` are hast's own names and values.
 */
function el(
  tagName: string,
  properties: Properties,
  children: ElementContent | readonly (ElementContent | string)[] = [],
): Element {
  const list = Array.isArray(children) ? children : [children as ElementContent]
  return {
    type: 'element',
    tagName,
    properties,
    children: list.map(
      (c): ElementContent => (typeof c === 'string' ? { type: 'text', value: c } : c),
    ),
  }
}

function bodyCell(cell: Cell, i: number): Element {
  if (isSpanning(cell))
    return el(
      'td',
      cell.span > 1
        ? { className: [cell.className], colSpan: cell.span, dataLabel: cell.label }
        : { className: [cell.className] },
      cell.content,
    )
  return i === 0 ? el('th', { scope: 'row' }, cell) : el('td', {}, cell)
}

/** A scrollable, named table region (keyboard-scrollable, so it is labelled). */
function table(
  head: readonly (string | ElementContent)[],
  rows: readonly Cell[][],
  caption: string,
  label: string,
  className: string[] = ['table-wrap'],
): Element {
  const element = el('table', {}, [
    el('caption', {}, [caption]),
    el('thead', {}, [
      el(
        'tr',
        {},
        head.map((cell) => el('th', { scope: 'col' }, [cell])),
      ),
    ]),
    el(
      'tbody',
      {},
      rows.map((cells) => el('tr', {}, cells.map(bodyCell))),
    ),
  ])
  labelTableCells(element) // stacked layout: site-extras, pipeline/table-labels.ts
  return h(
    'section',
    { className: [...className, LABELLED_CLASS], tabIndex: 0, ariaLabel: label },
    [element],
  )
}

function scenarioTable(slot: GeneratedSlot, session: ModelSession, number: NumberElement) {
  const ids = (slot.attributes.figures ?? '').split(/\s+/).filter(Boolean)
  const given = (slot.attributes.titles ?? '').split(';').map((t) => t.trim())
  const evaluation = session.evaluation(slot.scenario).evaluation
  const titles = ids.map((id, i) => given[i] || evaluation.figure(id).label)
  return table(
    ['Scenario', ...titles],
    session.scenarios.map((s) => [[s.label], ...ids.map((id) => number(id, s.name))]),
    'Headline figures under each scenario',
    'Headline figures under each scenario',
  )
}

function claimsTable(
  claims: readonly Claim[],
  scenario: string,
  session: ModelSession,
  number: NumberElement,
) {
  const rows = claims
    .filter((claim) => claim.scenario === scenario)
    .map((claim) => [
      el('span', { id: claimAnchor(claim.line, claim.column) }, [
        claim.claim,
        el('br', {}),
        el('code', { className: ['claim-expression'] }, [claim.expression]),
      ]),
      el('span', { className: ['claim-chance'] }, [chance(claim.probability)]),
      ...claimCells(session, claim, number),
    ])
  return table(
    ['Claim', 'Holds in draws', ...session.scenarios.map((s) => s.label)],
    rows,
    'Each claim under each scenario',
    'Claims under each scenario',
    ['table-wrap', 'claims-matrix', STACKED_CLASS],
  )
}

/** A claim's probability over the draws, as a percentage. */
function chance(probability: number | undefined): string {
  return probability === undefined ? '–' : formatNumber(probability, '.0%')
}

/**
 * A claim's cells, one per scenario, except that neighbouring scenarios that set the same values
 * for every input the claim rests on share one cell spanning their columns ("✓ holds 16" under
 * every scenario is one cell, not ten): the table reads as where the claim changes, and weighs
 * 14 KB less. Equal by construction, not by chance: the shared cell stays right at any `--set`
 * and at a reader's own numbers in the what-if panel, which recompute its one number.
 */
function claimCells(session: ModelSession, claim: Claim, number: NumberElement): Cell[] {
  const outcomes = session.scenarios.map((s) => claimOutcome(session, claim, s.name))
  const reads = new Set(
    dependencyClosure(
      session.evaluation(session.defaultScenario).evaluation,
      outcomes.flatMap((o) => o.figures),
    ),
  )
  const overrides = scenarioSettings(session)
  const setting = (scenario: string): string =>
    JSON.stringify((overrides.get(scenario) ?? []).filter(([id]) => reads.has(id)))
  const keys = outcomes.map((o) => `${o.key}\u0000${setting(o.scenario)}`)
  const cells: Cell[] = []
  for (let i = 0; i < outcomes.length; ) {
    const first = outcomes[i] as Outcome
    let end = i + 1
    while (end < outcomes.length && keys[end] === keys[i]) end++
    const names = session.scenarios.slice(i, end)
    const label =
      names.length === session.scenarios.length
        ? 'Every scenario'
        : names.map((s) => s.label).join(' · ')
    cells.push(outcomeCell(first, end - i, label, number))
    i = end
  }
  return cells
}

/** Each scenario's own input values (no `--set`), sorted by id, once per session. */
const scenarioSettings = keptWith(
  (session: ModelSession): Map<string, [string, number][]> =>
    new Map(
      session.scenarios.map((s) => [
        s.name,
        [...scenarioOverrides(session.compiled, session.scenarios, s.name)]
          .map(([id, o]): [string, number] => [id, o.value])
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
      ]),
    ),
)

/** A claim under one scenario: whether it holds and the value of its first figure. */
interface Outcome {
  readonly scenario: string
  readonly holds: boolean | undefined
  readonly figure: string | undefined
  /** The figures the claim read. */
  readonly figures: readonly string[]
  /** Equal for outcomes one cell can show. */
  readonly key: string
}

function claimOutcome(session: ModelSession, claim: Claim, scenario: string): Outcome {
  try {
    const { holds, figures } = session.claim(claim.expression, scenario)
    const figure = figures[0]
    const shown = figure ? figureRecord(session, figure, scenario).formatted : ''
    // A claim that gives no truth value there (null) shows as failing, as a claim must hold.
    const key = `${holds === true}\u0000${shown}`
    return { scenario, holds: holds === true, figure, figures, key }
  } catch (error) {
    if (error instanceof ExprError)
      return { scenario, holds: undefined, figure: undefined, figures: [], key: 'n/a' }
    throw error
  }
}

function outcomeCell(outcome: Outcome, span: number, label: string, number: NumberElement): Cell {
  if (outcome.holds === undefined)
    return { span, label, className: 'claim-na', content: [el('span', {}, ['n/a'])] }
  const { holds, figure, scenario } = outcome
  // The outcome is the cell's class; its word is the badge (a `b`: a keyword, and the shortest
  // wrapper to pay for in each of a hundred cells).
  return {
    span,
    label,
    className: holds ? 'claim-holds' : 'claim-fails',
    content: [
      el('b', {}, [holds ? '✓ holds' : '✗ fails']),
      ...(figure ? [' ', number(figure, scenario)] : []),
    ],
  }
}

function inputsTable(
  scenario: string,
  session: ModelSession,
  bibliography: Bibliography | undefined,
  number: NumberElement,
) {
  const evaluation = session.evaluation(scenario).evaluation
  const rows = evaluation.model.inputs.map((input) => {
    const f = evaluation.figure(input.id)
    const source = f.provenance.kind === 'input' ? f.provenance.source : ''
    return [
      [input.label, h('br'), h('code', [input.id])],
      number(input.id, scenario),
      [input.unit],
      [input.note],
      citation(source, bibliography),
    ]
  })
  return table(['Input', 'Value', 'Unit', 'Note', 'Source'], rows, 'Model inputs', 'Model inputs', [
    'table-wrap',
    STACKED_CLASS,
  ])
}
