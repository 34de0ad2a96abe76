/**
 * `:::scenario{name="spot"}` … `:::`: the directives inside are evaluated under another
 * scenario. The remark-directives walker switches the scenario; this spec validates the name
 * and marks the block so readers see which assumptions its numbers use.
 */
import { h } from 'hastscript'
import { findScenario, ModelError, scenarioDefs } from '../../model/index.ts'
import type { DirectiveSpec } from './spec.ts'

/** The scenario a container switches to, or undefined (reported) when unknown. */
export function containerScenario(
  name: string | undefined,
): { ok: true; name: string; label: string } | { ok: false; error: ModelError } {
  try {
    const found = findScenario(scenarioDefs, name ?? '')
    return { ok: true, name: found.name, label: found.label }
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
    const found = containerScenario(env.attributes.name)
    if (!found.ok) {
      env.error({ reason: found.error.reason, hint: found.error.hint }, found.error.ruleId)
      return
    }
    const element = h('div', { className: ['scenario-block'], dataScenario: found.name })
    node.data = {
      ...node.data,
      hName: element.tagName,
      hProperties: { ...element.properties, ariaLabel: `Computed under scenario: ${found.label}` },
    }
  },
}
