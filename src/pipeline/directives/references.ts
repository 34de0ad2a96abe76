/**
 * `::references`: the bibliography, every entry of content/references.bib. Validated here like
 * every directive, and lowered to a placeholder: the list itself is filled in by
 * remark-citations.ts, which alone knows the order in which the page first cites each entry.
 */
import { h } from 'hastscript'
import { lowerTo } from './lower.ts'
import type { DirectiveSpec } from './spec.ts'

export const references: DirectiveSpec = {
  name: 'references',
  type: 'leafDirective',
  label: 'none',
  doc: 'The references list: cited entries in order of first citation, then the sources of model inputs.',
  example: '::references',
  renders: 'element',
  attributes: {},
  run(node) {
    lowerTo(node, h('div', { className: ['bibliography'] }))
  },
}
