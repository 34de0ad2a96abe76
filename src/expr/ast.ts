/**
 * The expression AST. jsep's own nodes carry no positions and admit much more than we allow, so
 * the parser converts into this small tree in which every node knows its span in the source.
 */

/** A half-open character range `[start, end)` into the directive source. */
export interface Span {
  readonly start: number
  readonly end: number
}

/** Binary operators, from loosest to tightest: `or`, `and`, equality, order, `+ -`, `* /`. */
export type BinaryOperator =
  | 'or'
  | 'and'
  | '=='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | '+'
  | '-'
  | '*'
  | '/'

/** Prefix operators; they bind tighter than any binary operator. */
export type UnaryOperator = '-' | '+' | 'not'

/** A numeric literal such as `10` or `1.5e3`; unit-polymorphic when evaluated. */
export interface NumberNode extends Span {
  readonly type: 'number'
  readonly value: number
  readonly raw: string
}

/** A quoted string; only valid as the scenario name in `scenario("name", expr)`. */
export interface StringNode extends Span {
  readonly type: 'string'
  readonly value: string
}

/** A dotted figure id such as `rlaif.pairs.m1`, looked up in the cost model. */
export interface FigureNode extends Span {
  readonly type: 'figure'
  readonly id: string
}

/** `-x`, `+x` or `not x`. */
export interface UnaryNode extends Span {
  readonly type: 'unary'
  readonly operator: UnaryOperator
  readonly argument: ExprNode
}

/** `left op right`; the span runs from the left operand to the right one, parentheses included. */
export interface BinaryNode extends Span {
  readonly type: 'binary'
  readonly operator: BinaryOperator
  readonly left: ExprNode
  readonly right: ExprNode
}

/** A call of an allow-listed function; `callee` is the name as written (maybe dotted). */
export interface CallNode extends Span {
  readonly type: 'call'
  readonly callee: string
  /** Where the function name is, for "unknown function" errors. */
  readonly calleeSpan: Span
  readonly arguments: readonly ExprNode[]
}

/** Any expression node. */
export type ExprNode = NumberNode | StringNode | FigureNode | UnaryNode | BinaryNode | CallNode
