/**
 * Lowering a directive to HTML at the mdast stage. A directive hands over the exact hast element
 * it built in `node.data.element`; the remark-rehype handler in processor.ts returns that same
 * object, so hast `data` (a number's record, a chart's parsed spec) travels with it instead of
 * being written into attributes and read back. With `convertChildren`, the node's own children
 * (a chart caption, a scenario block's content) are converted as usual and become its children.
 */
import type { Element } from 'hast'
import type { DirectiveNode } from './spec.ts'

declare module 'mdast' {
  interface Data {
    /** The element a directive lowers to (see lower.ts). */
    element?: Element
    /** Convert the directive's children into the element's children. */
    convertChildren?: boolean
  }
}

/** Makes `node` render as `element`; its children are dropped unless `convertChildren`. */
export function lowerTo(
  node: DirectiveNode,
  element: Element,
  options: { convertChildren?: boolean } = {},
): void {
  node.data = { ...node.data, element, convertChildren: options.convertChildren === true }
  if (!options.convertChildren) node.children = []
}

/** Line and column of a node's start (1-based). */
export function pointOf(node: DirectiveNode): { line: number; column: number } {
  return { line: node.position?.start.line ?? 0, column: node.position?.start.column ?? 0 }
}
