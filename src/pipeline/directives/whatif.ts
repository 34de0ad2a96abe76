/**
 * `::whatif{inputs="price.gpuHour human.price.conservative"}`: the inputs the page's "Try your
 * own numbers" panel offers, in order. Without it the panel offers src/whatif/inputs.ts's default
 * list. Renders nothing: the panel itself is the template's; its table (whatif.json) reads the
 * list. Only inputs can be offered: a reader changes what the model takes, never what it computes.
 */
import { messages } from '../../diagnostics/messages.ts'
import { suggest } from '../../diagnostics/suggest.ts'
import { dependencyClosure } from '../../model/index.ts'
import type { DirectiveEnv, DirectiveSpec } from './spec.ts'

export const whatif: DirectiveSpec = {
  name: 'whatif',
  type: 'leafDirective',
  label: 'none',
  doc: 'The inputs the "Try your own numbers" panel offers, in order.',
  example: '::whatif{inputs="price.gpuHour human.price.conservative"}',
  renders: 'nothing',
  attributes: {
    inputs: {
      doc: 'input ids separated by spaces, in the order the panel shows them',
      required: true,
    },
  },
  run(_node, env) {
    if (env.file.data.whatifInputs) {
      env.error(messages.secondWhatif(), 'duplicate-whatif')
      return
    }
    const ids = inputList(env)
    if (ids) env.file.data.whatifInputs = ids
  },
}

/** The listed input ids (each once), or undefined after reporting the first that is not one. */
function inputList(env: DirectiveEnv): string[] | undefined {
  const model = env.session.compiled
  const ids = [...new Set((env.attributes.inputs ?? '').split(/\s+/).filter(Boolean))]
  if (ids.length === 0) {
    env.error(messages.emptyInputs(), 'invalid-attribute')
    return undefined
  }
  const inputIds = model.inputs.map((d) => d.id)
  for (const id of ids) {
    if (inputIds.includes(id)) continue
    if (model.index.has(id)) {
      const evaluation = env.session.evaluation(env.scenario).evaluation
      const leaves = dependencyClosure(evaluation, [id]).filter((d) => inputIds.includes(d))
      env.error(messages.derivedInputIn(id, 'inputs', leaves), 'override-derived')
    } else env.error(messages.unknownInputIn(id, 'inputs', suggest(id, inputIds)), 'unknown-figure')
    return undefined
  }
  return ids
}
