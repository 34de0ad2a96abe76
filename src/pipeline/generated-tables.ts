/**
 * Fills the generated tables the content placed (see directives/generated.ts) once the whole
 * page is known: figures under every scenario, the scenario list, every claim of the page under
 * every scenario (claims are evaluated by the session, the one place that does), and every model
 * input with its source. Numbers are computed-number elements like the author's own.
 */
import type { Element, ElementContent } from 'hast'
import { h } from 'hastscript'
import type { VFile } from 'vfile'
import type { Bibliography } from '../citations/types.ts'
import { ExprError } from '../expr/index.ts'
import { formatNumber } from '../format/number.ts'
import { claimAnchor } from './directives/check.ts'
import { citation, figureRecord, showNumber } from './figure-element.ts'
import type { Claim, GeneratedSlot } from './records.ts'
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
    const byScenario = scenario !== session.defaultScenario && slot.kind !== 'inputs-table'
    return showNumber(file, byScenario ? { ...record, byScenario } : record)
  }
  switch (slot.kind) {
    case 'scenario-table':
      return scenarioTable(slot, session, number)
    case 'scenario-list':
      return h(
        'dl',
        { className: ['scenario-list'] },
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

/** A cell's content: one node, or several. */
type Cell = ElementContent | (ElementContent | string)[]

/** A scrollable, named table region (keyboard-scrollable, so it is labelled). */
function table(
  head: readonly (string | ElementContent)[],
  rows: readonly Cell[][],
  caption: string,
  label: string,
  className: string[] = ['table-wrap'],
): Element {
  const element = h('table', [
    h('caption', [caption]),
    h('thead', [
      h(
        'tr',
        head.map((cell) => h('th', { scope: 'col' }, [cell])),
      ),
    ]),
    h(
      'tbody',
      rows.map((cells) =>
        h(
          'tr',
          cells.map((cell, i) => (i === 0 ? h('th', { scope: 'row' }, cell) : h('td', cell))),
        ),
      ),
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
      h('span', { id: claimAnchor(claim.line, claim.column) }, [
        claim.claim,
        h('br'),
        h('code', { className: ['claim-expression'] }, [claim.expression]),
      ]),
      h('span', { className: ['claim-chance'] }, [chance(claim.probability)]),
      ...session.scenarios.map((s) => claimCell(session, claim, s.name, number)),
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

function claimCell(
  session: ModelSession,
  claim: Claim,
  scenario: string,
  number: NumberElement,
): Cell {
  try {
    const { holds, figures } = session.claim(claim.expression, scenario)
    const first = figures[0]
    const mark = h('span', { className: [holds ? 'claim-holds' : 'claim-fails'] }, [
      holds ? '✓ holds' : '✗ fails',
    ])
    // The cell's content as it is: no wrapper element to pay for in each of hundreds of cells.
    return [mark, ...(first ? [' ', number(first, scenario)] : [])]
  } catch (error) {
    if (error instanceof ExprError) return h('span', ['n/a'])
    throw error
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
