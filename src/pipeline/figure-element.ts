/**
 * The HTML of a computed number: `<span class="figure" data-figure="…">` with a plain-text
 * `title` saying what it is and how it was computed. The provenance popover builds on it.
 */
import type { Element, ElementContent } from 'hast'
import { h } from 'hastscript'
import type { Bibliography } from '../citations/types.ts'
import { formatWithUnit, substituteFormula, symbolicFormula } from '../format/figure.ts'
import type { Evaluation } from '../model/index.ts'

/** What the span shows and where it came from. */
export interface FigureDisplay {
  readonly expression: string
  readonly formatted: string
  readonly scenario: string
  readonly figures: readonly string[]
}

/** The `title` text: label, formula, substituted values (or the source of an input). */
export function describeExpression(
  expression: string,
  figures: readonly string[],
  evaluation: Evaluation,
): string {
  const id = expression.trim()
  if (evaluation.has(id)) return describeFigure(id, evaluation)
  const readings = figures.map((f) => `${f} = ${formatWithUnit(evaluation.figure(f))}`).join('; ')
  return readings ? `${expression}, where ${readings}` : expression
}

/** One figure in words: `SFT cost = sft.gpuHours × price.gpuHour = 17.0 GPU·h × $2.50`. */
export function describeFigure(id: string, evaluation: Evaluation): string {
  const figure = evaluation.figure(id)
  const p = figure.provenance
  if (p.kind === 'input') {
    const changed = p.overridden ? ' (changed by the scenario)' : ''
    return `${figure.label}: input${changed}, source ${p.source}. ${p.note}`
  }
  return `${figure.label} = ${symbolicFormula(p.formula)} = ${substituteFormula(p.formula, evaluation)}`
}

/** The span element of a computed number. */
export function figureElement(
  display: FigureDisplay,
  title: string,
  children?: Element['children'],
): Element {
  return h(
    'span',
    {
      className: ['figure'],
      dataFigure: display.expression,
      dataScenario: display.scenario,
      title,
    },
    children ?? [display.formatted],
  )
}

/** A source: a link to its reference-list entry when the bibliography has it, else its key. */
export function citation(source: string, bibliography: Bibliography | undefined): ElementContent {
  return bibliography?.has(source) === true
    ? h('a', { href: bibliography.href(source) }, [bibliography.label(source)])
    : { type: 'text', value: source }
}

/** The element of one model figure under a scenario, showing `text`. */
export function figureIdElement(
  id: string,
  text: string,
  scenario: string,
  evaluation: Evaluation,
): Element {
  return figureElement(
    { expression: id, formatted: text, scenario, figures: [id] },
    describeFigure(id, evaluation),
  )
}
