/**
 * The figures an expression names. Shared by the build (the Monte Carlo's draw tables, session.ts)
 * and the reader's page (the what-if engine and popovers, which get expressions as TableExpr, the
 * same shape without source spans).
 */

/** An expression tree as far as its figures go: ExprNode, or the page table's TableExpr. */
export type FigureTree =
  | { readonly type: 'number' | 'string' }
  | { readonly type: 'figure'; readonly id: string }
  | { readonly type: 'unary'; readonly argument: FigureTree }
  | { readonly type: 'binary'; readonly left: FigureTree; readonly right: FigureTree }
  | { readonly type: 'call'; readonly arguments: readonly FigureTree[] }

/** The ids of the figures `node` names, each once, in order of first appearance. */
export function figuresOf(node: FigureTree, out: string[] = []): string[] {
  switch (node.type) {
    case 'figure':
      if (!out.includes(node.id)) out.push(node.id)
      break
    case 'unary':
      figuresOf(node.argument, out)
      break
    case 'binary':
      figuresOf(node.left, out)
      figuresOf(node.right, out)
      break
    case 'call':
      for (const a of node.arguments) figuresOf(a, out)
      break
  }
  return out
}
