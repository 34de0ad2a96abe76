/**
 * `:::scenario{name="spot"}` … `:::`: the directives inside are evaluated under another
 * scenario. The remark-directives walker switches the scenario; this spec validates the name
 * and marks the block so readers see which assumptions its numbers use.
 */
import { h } from 'hastscript'
import { ModelError, type ScenarioDef } from '../../model/index.ts'
import type { ModelSession } from '../session.ts'
import { lowerTo } from './lower.ts'
import type { DirectiveSpec } from './spec.ts'

/** The scenario a container switches to, or the error that names it unknown. */
export function containerScenario(
  session: ModelSession,
  name: string | undefined,
): { ok: true; scenario: ScenarioDef } | { ok: false; error: ModelError } {
  try {
    return { ok: true, scenario: session.findScenario(name ?? '') }
  } catch (error) {
    if (error instanceof ModelError) return { ok: false, error }
    throw error
  }
}

export const scenario: DirectiveSpec = {
  name: 'scenario',
  type: 'containerDirective',
  label: 'none',
  doc: 'Evaluates the enclosed directives under another scenario.',
  example: ':::scenario{name="spot"}',
  renders: 'element',
  attributes: {
    name: { doc: 'The scenario name (`npm run figures -- --list-scenarios`).', required: true },
  },
  run(node, env) {
    const found = containerScenario(env.session, env.attributes.name)
    if (!found.ok) {
      env.error({ reason: found.error.reason, hint: found.error.hint }, found.error.ruleId)
      return
    }
    const { name, label } = found.scenario
    lowerTo(
      node,
      h('div', {
        className: ['scenario-block'],
        dataScenario: name,
        ariaLabel: `Computed under scenario: ${label}`,
      }),
      { convertChildren: true },
    )
  },
}
