/**
 * One popover for a figure's cells under the other scenarios. The generated tables show a few
 * figures under every scenario; a popover per cell repeated the same formula nine times over
 * (a third of the page's bytes). This one states the formula once and gives each scenario its
 * line of values; each cell's button is described by its own line, so a screen reader still
 * hears the one number it is on, and every line is there without JavaScript.
 */
import type { Element, ElementContent } from 'hast'
import { h } from 'hastscript'
import type { Bibliography } from '../citations/types.ts'
import { substituteFormula, symbolicFormula } from '../format/figure.ts'
import { citation } from './figure-element.ts'
import type { ShownNumber } from './records.ts'
import type { ModelSession } from './session.ts'

/** The id of the page's scenario list (`::scenario-list`), where each scenario is described. */
export const SCENARIO_LIST_ID = 'scenario-list'

/** The class the what-if panel (src/browser/whatif.ts) leaves alone: it has no single value. */
export const BY_SCENARIO_CLASS = 'prov-by-scenario'

declare module 'hast' {
  interface ElementData {
    /** A popover for every scenario: the id of the line describing each scenario. */
    scenarioLines?: ReadonlyMap<string, string>
  }
}

/**
 * The popover of `figure` for the cells in `records` (one per scenario shown, in the session's
 * scenario order; a scenario shown twice has one line). Links to the scenario list when the page
 * has one (each line's scenario name), since that is where a reader finds what it changes.
 */
export function scenarioPopover(
  id: string,
  figure: string,
  records: readonly ShownNumber[],
  session: ModelSession,
  scenarioListed: boolean,
  bibliography: Bibliography | undefined,
): Element {
  const shown = new Map(records.map((r) => [r.scenario, r]))
  const order = session.scenarios.map((s) => s.name).filter((name) => shown.has(name))
  const first = session.evaluation(order[0] ?? session.defaultScenario).evaluation.figure(figure)
  const p = first.provenance
  const formula =
    p.kind === 'input'
      ? h('p', { className: ['prov-source'] }, [
          'Source: ',
          citation(p.source, bibliography),
          '; a scenario may set its own value.',
        ])
      : h('p', { className: ['prov-formula'] }, [
          h('code', [`${figure} = ${symbolicFormula(p.formula)}`]),
        ])
  // Scenarios that give the same line share it ("DPO on all pairs and Spot instances: 16 = …"),
  // numbered in order (`prov-7-s2`): most figures move under a few scenarios only.
  const groups = new Map<string, string[]>()
  for (const scenario of order) {
    const record = shown.get(scenario) as ShownNumber
    const text = `: ${record.formatted}${valuesUnder(session, scenario, figure)}`
    groups.set(text, [...(groups.get(text) ?? []), scenario])
  }
  const lineIds = new Map<string, string>()
  const lines = [...groups].map(([text, scenarios], n) => {
    const lineId = `${id}-s${n + 1}`
    for (const scenario of scenarios) lineIds.set(scenario, lineId)
    const names = scenarios.map((scenario): ElementContent => {
      return { type: 'text', value: session.scenarioLabel(scenario) }
    })
    const all = scenarios.length === order.length && order.length > 1
    return h('li', { id: lineId }, all ? ['Every scenario', text] : [...andList(names), text])
  })
  const more: ElementContent[] = scenarioListed
    ? []
    : [
        h('p', [
          `Each scenario changes some inputs; the others are as under ${session.scenarioLabel(session.defaultScenario)}.`,
        ]),
      ]
  const popover = h(
    'div',
    {
      id,
      popover: '',
      className: ['provenance', BY_SCENARIO_CLASS],
      role: 'dialog',
      ariaLabelledBy: `${id}-what`,
    },
    [
      h('p', { id: `${id}-what`, className: ['prov-what'] }, [
        h('strong', [first.label]),
        // One link to the scenario list, not one per line: 60 links were 3 KB of the page.
        ': under each ',
        scenarioListed ? h('a', { href: `#${SCENARIO_LIST_ID}` }, ['scenario']) : 'scenario',
      ]),
      formula,
      h('ul', { className: ['prov-scenarios'] }, lines),
      ...more,
      h('p', { className: ['prov-meta'] }, [
        h('code', [`npm run explain -- ${figure} --scenario <name>`]),
      ]),
    ],
  )
  popover.data = { scenarioLines: lineIds }
  return popover
}

/** `a`, `a and b`, `a, b and c`, with the items as given (text or links). */
function andList(items: readonly ElementContent[]): ElementContent[] {
  return items.flatMap((item, i) => {
    if (i === 0) return [item]
    const joint = i === items.length - 1 ? ' and ' : ', '
    return [{ type: 'text', value: joint } as ElementContent, item]
  })
}

/** ` = $3,272 ÷ $83.92` for a derived figure; nothing for an input. */
function valuesUnder(session: ModelSession, scenario: string, figure: string): string {
  const evaluation = session.evaluation(scenario).evaluation
  const p = evaluation.figure(figure).provenance
  return p.kind === 'input' ? '' : ` = ${substituteFormula(p.formula, evaluation)}`
}
