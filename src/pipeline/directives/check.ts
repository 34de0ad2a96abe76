/**
 * `:check[claim]{required flag}`: a claim over figures, checked at build; every claim goes into
 * the claims report. Every claim renders an empty, hidden marker (`data-claim`, its index) by
 * which the "Try your own numbers" panel finds its sentence. A false claim is a warning (an error
 * when `required`, and under `--strict` unless `flag`) and also leaves an editor's note at its
 * sentence, so the page never contradicts itself silently: "does not hold", linking to its row.
 */
import { h } from 'hastscript'
import { messages } from '../../diagnostics/messages.ts'
import { runLabel } from './expression.ts'
import { lowerTo, pointOf } from './lower.ts'
import type { DirectiveSpec } from './spec.ts'

export const check: DirectiveSpec = {
  name: 'check',
  type: 'textDirective',
  label: 'expression',
  doc: 'A claim (true/false expression) checked at build and listed in the claims report.',
  example: ':check[ratio.conservative > 10]',
  renders: 'element',
  attributes: {
    required: { doc: 'Fail the build when the claim is false (otherwise it is reported).' },
    flag: {
      doc: 'Keep the wording although the claim is false: the sentence carries a "does not hold" note and `--strict` accepts it.',
    },
    claim: {
      doc: 'The claim in words, as the claims report shows it ("more than an order of magnitude").',
    },
    p: {
      doc: 'The probability over the input ranges the claim must reach (0–1), e.g. `p=0.9`.',
    },
  },
  run(node, env) {
    const evaluated = runLabel(env, this.example, (source) => ({
      source,
      ...env.session.claim(source, env.scenario),
    }))
    if (!evaluated) return
    const { source, holds, readings } = evaluated
    if (holds === null) {
      env.error(messages.expectedBoolean(source), 'expected-boolean')
      return
    }
    const required = 'required' in env.attributes
    const flagged = 'flag' in env.attributes
    const minProbability = env.attributes.p === undefined ? undefined : Number(env.attributes.p)
    if (minProbability !== undefined && !(minProbability >= 0 && minProbability <= 1)) {
      env.error(messages.invalidProbability(env.attributes.p ?? ''), 'invalid-attribute')
      return
    }
    const { probability } = env.session.claimChance(source, env.scenario)
    env.file.data.claims ??= []
    const mark = h('span', {
      className: ['claim-mark'],
      dataClaim: env.file.data.claims.length,
      hidden: true,
    })
    lowerTo(node, mark)
    env.file.data.claims.push({
      claim: env.attributes.claim ?? source,
      expression: source,
      scenario: env.scenario,
      holds,
      required,
      flagged,
      probability,
      minProbability,
      readings,
      context: env.context,
      ...pointOf(node),
    })
    if (!holds) {
      const message = messages.claimFails(source, env.scenario, readings.join('; '))
      if (required) env.error(message, 'claim-fails')
      else if (!flagged) env.warn(message, 'claim-fails')
      const point = pointOf(node)
      const note = h('sup', { className: ['claim-flag'] }, [
        h('a', { href: `#${claimAnchor(point.line, point.column)}` }, [
          h('span', { className: ['visually-hidden'] }, [
            `Editor's note: the claim “${env.attributes.claim ?? source}” `,
          ]),
          'does not hold',
          h('span', { className: ['claim-flag-value'] }, [` (${readings.slice(0, 2).join('; ')})`]),
        ]),
      ])
      lowerTo(node, h('span', { className: ['claim-note'] }, [mark, note]))
    } else if (minProbability !== undefined && probability < minProbability) {
      const message = messages.claimUnlikely(
        source,
        probability,
        minProbability,
        env.session.sampling.samples,
      )
      if (required) env.error(message, 'claim-unlikely')
      else env.warn(message, 'claim-unlikely')
    }
  },
}

/** The id of a claim's row in the claims table, from its place in the source. */
export function claimAnchor(line: number, column: number): string {
  return `claim-${line}-${column}`
}
