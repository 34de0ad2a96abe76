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

/** The class the what-if panel (src/browser/whatif.ts) leaves alone: it has no single value. */
export const BY_SCENARIO_CLASS = 'provenance-by-scenario'

/** The id of the line describing `scenario` in the popover `popoverId`. */
export function scenarioLineId(popoverId: string, scenario: string): string {
  return `${popoverId}-${scenario}`
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
      ? h('p', { className: ['provenance-source'] }, [
          'Source: ',
          citation(p.source, bibliography),
          '; a scenario may set its own value.',
        ])
      : h('p', { className: ['provenance-formula'] }, [
          h('code', [`${figure} = ${symbolicFormula(p.formula)}`]),
        ])
  const lines = order.map((scenario) => {
    const record = shown.get(scenario) as ShownNumber
    const label = session.scenarioLabel(scenario)
    return h('li', { id: scenarioLineId(id, scenario) }, [
      scenarioListed ? h('a', { href: `#scenario-${scenario}` }, [label]) : label,
      `: ${record.formatted}${valuesUnder(session, scenario, figure)}`,
    ])
  })
  const more: ElementContent[] = scenarioListed
    ? []
    : [
        h('p', [
          `Each scenario changes some inputs; the others are as under ${session.scenarioLabel(session.defaultScenario)}.`,
        ]),
      ]
  return h(
    'div',
    {
      id,
      popover: 'auto',
      className: ['provenance', BY_SCENARIO_CLASS],
      role: 'dialog',
      ariaLabel: `How ${first.label} was computed under each scenario`,
    },
    [
      h('p', { className: ['provenance-what'] }, [
        h('strong', [first.label]),
        ': under each scenario',
      ]),
      formula,
      h('ul', { className: ['provenance-scenarios'] }, lines),
      ...more,
      h('p', { className: ['provenance-meta'] }, [
        h('code', [`npm run explain -- ${figure} --scenario <name>`]),
      ]),
    ],
  )
}

/** ` = $3,272 ÷ $83.92` for a derived figure; nothing for an input. */
function valuesUnder(session: ModelSession, scenario: string, figure: string): string {
  const evaluation = session.evaluation(scenario).evaluation
  const p = evaluation.figure(figure).provenance
  return p.kind === 'input' ? '' : ` = ${substituteFormula(p.formula, evaluation)}`
}
