/**
 * Generated sections: `:::generated{id="robustness"}` … `:::` marks a section the build
 * writes, around the author's own prose, and four tables go inside one:
 * `::scenario-table{figures="…" titles="…"}` (figures under every scenario), `::scenario-list`,
 * `::claims-table` (every claim of the page under every scenario) and `::inputs-table` (every
 * model input with its source). The tables wait in `file.data.generatedSlots` until the whole
 * page is known (claims after the table count too); generated-tables.ts fills them.
 */
import type { Element } from 'hast'
import { h } from 'hastscript'
import type { Heading } from 'mdast'
import type { GeneratedSlot } from '../records.ts'
import { figureList } from './figure-list.ts'
import { lowerTo } from './lower.ts'
import type { DirectiveSpec } from './spec.ts'

export const generatedSection: DirectiveSpec = {
  name: 'generated',
  type: 'containerDirective',
  label: 'none',
  doc: 'A section the build generates (marked as such), around the author’s prose about it.',
  example: ':::generated{id="robustness"}',
  renders: 'element',
  attributes: {
    id: { doc: 'The section’s id; its first heading gets `<id>-title`.', required: true },
  },
  run(node, env) {
    const id = env.attributes.id ?? ''
    const heading =
      node.type === 'containerDirective'
        ? node.children.find((child): child is Heading => child.type === 'heading')
        : undefined
    if (heading) heading.data = { ...heading.data, hProperties: { id: `${id}-title` } }
    const element = h('section', {
      className: ['generated'],
      id,
      ...(heading ? { ariaLabelledBy: [`${id}-title`] } : {}),
    })
    lowerTo(node, element, { convertChildren: true })
  },
}

function table(kind: GeneratedSlot['kind'], doc: string, attributes: DirectiveSpec['attributes']) {
  const spec: DirectiveSpec = {
    name: kind,
    type: 'leafDirective',
    label: 'none',
    doc,
    example: `::${kind}`,
    renders: 'element',
    attributes,
    run(node, env) {
      // A scenario table's figures are checked here, at the directive's place.
      if (!figureList(env)) return
      const element: Element = h('div')
      lowerTo(node, element)
      env.file.data.generatedSlots ??= []
      env.file.data.generatedSlots.push({
        element,
        kind,
        scenario: env.scenario,
        attributes: env.attributes,
      })
    },
  }
  return spec
}

export const scenarioTable = table(
  'scenario-table',
  'Generated table: the listed figures under every scenario.',
  {
    figures: { doc: 'Space-separated figure ids, one column each.', required: true },
    titles: { doc: 'Column titles, separated by `;` (default: the figures’ labels).' },
  },
)
export const scenarioList = table('scenario-list', 'Generated list of the scenarios.', {})
export const claimsTable = table(
  'claims-table',
  'Generated table: every claim of the page under every scenario.',
  {},
)
export const inputsTable = table(
  'inputs-table',
  'Generated table: every model input with value, unit, note and source.',
  {},
)
