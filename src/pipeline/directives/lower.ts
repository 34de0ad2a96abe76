/**
 * Lowering a directive to HTML at the mdast stage: remark-rehype reads `data.hName`,
 * `data.hProperties` and `data.hChildren`, so a directive becomes exactly the element we built.
 */
import type { Element } from 'hast'
import type { DirectiveNode } from './spec.ts'

/** Makes `node` render as `element` (its children are replaced). */
export function lowerTo(node: DirectiveNode, element: Element): void {
  node.data = {
    ...node.data,
    hName: element.tagName,
    hProperties: element.properties,
    hChildren: element.children,
  }
  node.children = []
}

/** Line and column of a node's start (1-based). */
export function pointOf(node: DirectiveNode): { line: number; column: number } {
  return { line: node.position?.start.line ?? 0, column: node.position?.start.column ?? 0 }
}
