/**
 * `::derivation{figures="sft.tokens sft.flops sft.gpuHours sft.cost"}`: the article's worked
 * "Result" blocks, generated: one line per figure, `label = formula with values = result`,
 * every number a computed figure. A number typed in a model formula's text is a `typed-number`
 * warning here (an error under `--strict`), as it would be in prose.
 */
import type { ElementContent } from 'hast'
import { h } from 'hastscript'
import { messages } from '../../diagnostics/messages.ts'
import { figureRecord, showNumber } from '../figure-element.ts'
import { TYPED_NUMBER_RULE, typedNumbers } from '../remark-typed-numbers.ts'
import { figureList } from './figure-list.ts'
import { lowerTo, pointOf } from './lower.ts'
import type { DirectiveEnv, DirectiveSpec } from './spec.ts'

/** One figure's value with its unit, as a computed-number element. */
function term(id: string, env: DirectiveEnv, at: { line: number; column: number }) {
  return showNumber(
    env.file,
    figureRecord(env.session, id, env.scenario, { withUnit: true, ...at }),
  )
}

function line(id: string, env: DirectiveEnv, at: { line: number; column: number }) {
  const figure = env.session.evaluation(env.scenario).evaluation.figure(id)
  const parts: ElementContent[] = [text(`${figure.label} = `)]
  if (figure.provenance.kind === 'derived') {
    for (const [i, piece] of figure.provenance.formula.split(/\{([^}]+)\}/).entries()) {
      // The formula's own text stands between computed numbers: a number typed there (`× 2`)
      // would read as computed and is linted like prose (remark-typed-numbers).
      if (i % 2 === 0)
        for (const hit of typedNumbers(piece, false))
          env.warn(messages.typedNumberInFormula(hit.text, id), TYPED_NUMBER_RULE)
      parts.push(i % 2 === 0 ? text(piece) : term(piece, env, at))
    }
    parts.push(text(' = '))
  }
  parts.push(term(id, env, at))
  return parts
}

const text = (value: string): ElementContent => ({ type: 'text', value })

export const derivation: DirectiveSpec = {
  name: 'derivation',
  type: 'leafDirective',
  label: 'none',
  doc: 'A worked derivation: each listed figure as formula, values and result.',
  example: '::derivation{figures="sft.tokens sft.cost"}',
  renders: 'element',
  attributes: { figures: { doc: 'Space-separated figure ids, one line each.', required: true } },
  run(node, env) {
    const ids = figureList(env)
    if (!ids) return
    const at = pointOf(node)
    const lines = ids.flatMap((id, i) => [...(i > 0 ? [text('\n')] : []), ...line(id, env, at)])
    lowerTo(node, h('pre', { className: ['derivation'] }, [h('code', lines)]))
  },
}
