/**
 * `:check[claim]{required}`: a claim over figures, checked at build. It renders nothing; every
 * claim goes into the claims report. A false claim is a warning, or an error when `required`.
 */
import { messages } from '../../diagnostics/messages.ts'
import { formatWithUnit } from '../../format/figure.ts'
import { evaluateLabel } from './expression.ts'
import { pointOf } from './lower.ts'
import type { DirectiveSpec } from './spec.ts'

export const check: DirectiveSpec = {
  name: 'check',
  type: 'textDirective',
  label: 'expression',
  doc: 'A claim (true/false expression) checked at build and listed in the claims report.',
  example: ':check[ratio.conservative > 10]',
  renders: 'nothing',
  attributes: {
    required: { doc: 'Fail the build when the claim is false (otherwise it is reported).' },
    claim: {
      doc: 'The claim in words, as the claims report shows it ("more than an order of magnitude").',
    },
  },
  run(node, env) {
    const evaluated = evaluateLabel(env, this.example)
    if (!evaluated) return
    const { source, result, figures, scenarios } = evaluated
    if (result.kind !== 'boolean') {
      env.error(messages.expectedBoolean(source), 'expected-boolean')
      return
    }
    // A figure read inside `scenario("spot", …)` is shown under each scenario the claim visits.
    const visited = [env.scenario, ...scenarios.filter((s) => s !== env.scenario)]
    const readings = figures.map((id) => {
      const values = visited.map((name) => {
        const evaluation = env.session.evaluation(name).evaluation
        const text = evaluation.has(id) ? formatWithUnit(evaluation.figure(id)) : '–'
        return visited.length > 1 ? `${text} (${name})` : text
      })
      return `${id} = ${values.join(', ')}`
    })
    const required = 'required' in env.attributes
    const { line, column } = pointOf(node)
    env.file.data.claims ??= []
    env.file.data.claims.push({
      claim: env.attributes.claim ?? source,
      expression: source,
      scenario: env.scenario,
      holds: result.value,
      required,
      readings,
      context: env.context,
      line,
      column,
    })
    if (!result.value) {
      const message = messages.claimFails(source, env.scenario, readings.join('; '))
      if (required) env.error(message, 'claim-fails')
      else env.warn(message, 'claim-fails')
    }
  },
}
