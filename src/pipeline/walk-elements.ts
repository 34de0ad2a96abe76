/**
 * Every element of a hast tree, in document order, with its index and parent: what
 * `visit(tree, 'element', visitor)` from unist-util-visit does for a visitor that returns
 * nothing, without its cost. unist-util-visit copies the list of ancestors at every node and
 * tests each node through a general matcher; on the article's page, the walks of six stages
 * spent more time there than in the stages' own work. A visitor may replace the element it is
 * given in its parent; the walk goes on into the children of the element it was given.
 */
import type { Element, Root } from 'hast'

export type ElementVisitor = (
  node: Element,
  index: number | undefined,
  parent: Root | Element | undefined,
) => void

/** Calls `visitor` for `tree` itself if it is an element, then for every element below it. */
export function walkElements(tree: Root | Element, visitor: ElementVisitor): void {
  if (tree.type === 'element') visitor(tree, undefined, undefined)
  walkChildren(tree, visitor)
}

function walkChildren(parent: Root | Element, visitor: ElementVisitor): void {
  const children = parent.children
  for (let index = 0; index < children.length; index++) {
    const node = children[index]
    if (node?.type !== 'element') continue
    visitor(node, index, parent)
    walkChildren(node, visitor)
  }
}
