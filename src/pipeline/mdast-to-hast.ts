/**
 * remark-rehype handlers for nodes that were lowered to a ready-made element (see
 * directives/lower.ts and remark-title.ts): the element object itself goes into the HTML tree,
 * with its hast `data`, so later stages get the records directives made rather than reading
 * attributes back. Other directives fall back to mdast-util-to-hast's own behaviour.
 */
import type { Element, ElementContent } from 'hast'
import type { Nodes, Paragraph } from 'mdast'
import type { ContainerDirective, LeafDirective, TextDirective } from 'mdast-util-directive'
import { defaultHandlers, type Handlers, type State } from 'mdast-util-to-hast'

type Lowerable = TextDirective | LeafDirective | ContainerDirective | Paragraph

function lowered(state: State, node: Lowerable): Element | ElementContent[] | undefined {
  const element = node.data?.element
  if (!element) return undefined
  if (node.data?.convertChildren) element.children = state.all(node as Nodes)
  state.patch(node, element)
  return element
}

/** A directive nobody lowered to an element: what mdast-util-to-hast does with unknown nodes. */
function fallback(state: State, node: Lowerable) {
  const result: Element = {
    type: 'element',
    tagName: 'div',
    properties: {},
    children: state.all(node),
  }
  state.patch(node, result)
  return state.applyData(node, result)
}

const directive = (state: State, node: TextDirective | LeafDirective | ContainerDirective) =>
  lowered(state, node) ?? fallback(state, node)

/** Handlers to pass to remark-rehype. */
export const loweredHandlers: Handlers = {
  textDirective: directive,
  leafDirective: directive,
  containerDirective: directive,
  paragraph: (state, node: Paragraph) =>
    lowered(state, node) ?? defaultHandlers.paragraph(state, node),
}
