/**
 * The directive expression language: `:val[sft.cost / pairs.total]`, `:check[ratio.x > 10]`.
 * Parse with parseExpression, evaluate with evaluateExpression against an ExprContext; every
 * failure is an ExprError with a source span, a ruleId, a reason and maybe a hint.
 */

export {
  code,
  expected,
  found,
  hints,
  messages,
  operationName,
} from '../diagnostics/expr-messages.ts'
export type {
  BinaryNode,
  BinaryOperator,
  CallNode,
  ExprNode,
  FigureNode,
  NumberNode,
  Span,
  StringNode,
  UnaryNode,
  UnaryOperator,
} from './ast.ts'
export { compileExpression, type RowFunction } from './compile.ts'
export {
  composeSymbol,
  countUnit,
  ratioUnit,
  type Unit,
  unitFromSymbol,
} from './dims.ts'
export { ExprError, type ExprErrorInit, type ExprRuleId } from './error.ts'
export {
  type ExprContext,
  type ExprResult,
  type ExprValue,
  evaluateExpression,
  type FigureValue,
} from './evaluate.ts'
export { type FigureTree, figuresOf } from './figures.ts'
export { type FunctionSpec, functionNames, functionSpecs } from './functions.ts'
export { maxExpressionLength, maxNestingDepth, parseExpression } from './parse.ts'
