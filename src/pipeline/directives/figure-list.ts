/**
 * The `figures="a b c"` attribute of `::derivation` and `::scenario-table`: figure ids separated
 * by spaces, each checked against the model at the directive's place.
 */
import { messages } from '../../diagnostics/messages.ts'
import { suggest } from '../../diagnostics/suggest.ts'
import type { DirectiveEnv } from './spec.ts'

/** The listed ids, or undefined after reporting the first unknown one (with a suggestion). */
export function figureList(env: DirectiveEnv): string[] | undefined {
  const evaluation = env.session.evaluation(env.scenario).evaluation
  const ids = (env.attributes.figures ?? '').split(/\s+/).filter(Boolean)
  const unknown = ids.find((id) => !evaluation.has(id))
  if (unknown === undefined) return ids
  const close = suggest(unknown, evaluation.model.ids)
  env.error(messages.unknownFigureIn(unknown, 'figures', close), 'unknown-figure')
  return undefined
}
