/**
 * `::derivation{figures="sft.tokens sft.flops sft.gpuHours sft.cost"}`: the article's worked
 * "Result" blocks, generated: one line per figure, `label = formula with values = result`,
 * every number a computed figure.
 */
import type { Element, ElementContent } from 'hast'
import { h } from 'hastscript'
import { suggest } from '../../expr/suggest.ts'
import { formatFigure, formatWithUnit } from '../../format/figure.ts'
import type { Evaluation } from '../../model/index.ts'
import { figureIdElement } from '../figure-element.ts'
import { lowerTo, pointOf } from './lower.ts'
import type { DirectiveEnv, DirectiveSpec } from './spec.ts'

function figureSpan(id: string, text: string, env: DirectiveEnv, evaluation: Evaluation): Element {
  return figureIdElement(id, text, env.scenario, evaluation)
}

function line(id: string, env: DirectiveEnv, evaluation: Evaluation): ElementContent[] {
  const figure = evaluation.figure(id)
  const result = figureSpan(id, formatWithUnit(figure), env, evaluation)
  if (figure.provenance.kind === 'input') return [`${figure.label} = `, result].map(asNode)
  const parts: ElementContent[] = [asNode(`${figure.label} = `)]
  for (const [i, piece] of figure.provenance.formula.split(/\{([^}]+)\}/).entries()) {
    if (i % 2 === 0) parts.push(asNode(piece))
    else parts.push(figureSpan(piece, formatWithUnit(evaluation.figure(piece)), env, evaluation))
  }
  parts.push(asNode(' = '), result)
  return parts
}

const asNode = (value: string | Element): ElementContent =>
  typeof value === 'string' ? { type: 'text', value } : value

export const derivation: DirectiveSpec = {
  name: 'derivation',
  type: 'leafDirective',
  label: 'none',
  doc: 'A worked derivation: each listed figure as formula, values and result.',
  example: '::derivation{figures="sft.tokens sft.cost"}',
  renders: 'element',
  attributes: { figures: { doc: 'Space-separated figure ids, one line each.', required: true } },
  run(node, env) {
    const evaluation = env.session.evaluation(env.scenario).evaluation
    const ids = (env.attributes.figures ?? '').split(/\s+/).filter(Boolean)
    const lines: ElementContent[] = []
    for (const id of ids) {
      if (!evaluation.has(id)) {
        const close = suggest(id, evaluation.model.ids)
        env.error(
          {
            reason: `Unexpected unknown figure \`${id}\` in \`figures\`, expected a figure id`,
            hint: close ? `did you mean \`${close}\`?` : undefined,
          },
          'unknown-figure',
        )
        return
      }
      if (lines.length > 0) lines.push(asNode('\n'))
      lines.push(...line(id, env, evaluation))
    }
    lowerTo(node, h('pre', { className: ['derivation'] }, [h('code', lines)]))
    const { line: at, column } = pointOf(node)
    env.file.data.shown ??= []
    for (const id of ids) {
      const f = evaluation.figure(id)
      env.file.data.shown.push({
        expression: id,
        scenario: env.scenario,
        value: f.value,
        unit: f.unit,
        formatted: formatFigure(f),
        figures: [id],
        line: at,
        column,
      })
    }
  },
}
