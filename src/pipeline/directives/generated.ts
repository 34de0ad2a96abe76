/**
 * `::robustness` and `::inputs`: places where the build inserts generated sections (how the
 * conclusions fare under other scenarios; every input with its source). The directive only
 * marks the spot: rehype-generated.ts fills it once every claim of the page is known.
 */
import type { DirectiveSpec } from './spec.ts'

function placeholder(name: string, doc: string): DirectiveSpec {
  return {
    name,
    type: 'leafDirective',
    label: 'none',
    doc,
    example: `::${name}`,
    renders: 'element',
    attributes: {},
    run(node, env) {
      node.data = {
        ...node.data,
        hName: 'section',
        hProperties: { dataGenerated: name, dataScenario: env.scenario },
      }
    },
  }
}

export const robustness = placeholder(
  'robustness',
  'Generated section: headline figures and every claim under every scenario.',
)
export const inputsTable = placeholder(
  'inputs',
  'Generated section: every model input with value, unit, note and source.',
)
