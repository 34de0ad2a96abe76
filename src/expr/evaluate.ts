/**
 * Evaluator for directive expressions: an allow-list tree walker over the AST of parse.ts.
 * Figures are read through ExprContext.lookup and functions through a Map, so no user-written
 * name ever becomes a JavaScript property access, and there is no eval or Function anywhere.
 * Units travel with every number and are checked at each operation.
 */

import { hints, messages, operationName } from '../diagnostics/expr-messages.ts'
import { suggest } from '../diagnostics/suggest.ts'
import type { BinaryNode, CallNode, ExprNode, FigureNode, Span, UnaryNode } from './ast.ts'
import {
  countUnit,
  divideUnits,
  multiplyUnits,
  sameDims,
  type Unit,
  unitFromSymbol,
} from './dims.ts'
import { ExprError, type ExprRuleId } from './error.ts'
import { checkCall } from './functions.ts'
import { parseExpression } from './parse.ts'
import { roundTo } from './round.ts'

/** A figure as the cost model reports it; `unit` is a symbol from src/model/units.ts. */
export interface FigureValue {
  value: number
  unit: string
}

/** The cost model as an expression sees it: one scenario's figures, and a way to the others. */
export interface ExprContext {
  /** The figure with this dotted id, or undefined when the model has none. */
  lookup(id: string): FigureValue | undefined
  /** Every figure id, for "did you mean" suggestions. */
  ids(): Iterable<string>
  /** The same model under another named scenario, or undefined for an unknown name. */
  scenario(name: string): ExprContext | undefined
  /** Every scenario name, for error messages and suggestions. */
  scenarioNames(): Iterable<string>
}

/** What an expression evaluates to: a number with its unit, or the outcome of a comparison. */
export type ExprValue =
  | { kind: 'number'; value: number; unit: Unit }
  | { kind: 'boolean'; value: boolean }

/** An expression's value with its provenance. */
export interface ExprResult {
  result: ExprValue
  /** Figure ids the expression read, in order of first use (inside `scenario()` too). */
  figures: string[]
  /** Scenario names entered through `scenario()`, in order of first use. */
  scenarios: string[]
}

/** A number during evaluation; an undefined unit marks a bare literal, which adapts to others. */
interface Quantity {
  readonly kind: 'number'
  readonly value: number
  readonly unit: Unit | undefined
}

interface Truth {
  readonly kind: 'boolean'
  readonly value: boolean
}

type Value = Quantity | Truth

/** The context an expression is evaluated in, and where its reads are recorded. */
interface Env {
  readonly context: ExprContext
  readonly figures: Set<string>
  readonly scenarios: Set<string>
}

type FunctionImpl = (node: CallNode, env: Env) => Value

function fail(ruleId: ExprRuleId, span: Span, reason: string, hint?: string): never {
  throw new ExprError({ ruleId, start: span.start, end: span.end, reason, hint })
}

function didYouMean(input: string, candidates: Iterable<string>): string | undefined {
  const close = suggest(input, candidates)
  return close === undefined ? undefined : hints.didYouMean(close)
}

/** Every number passes through here, so NaN and ±Infinity stop at the node that made them. */
function quantity(span: Span, value: number, unit: Unit | undefined): Quantity {
  if (!Number.isFinite(value)) fail('non-finite', span, messages.nonFinite(value))
  // -0 would print as "-0"; it carries no meaning in a cost model.
  return { kind: 'number', value: value === 0 ? 0 : value, unit }
}

function truth(value: boolean): Truth {
  return { kind: 'boolean', value }
}

function expectNumber(value: Value, operand: Span, operator: string): Quantity {
  if (value.kind === 'number') return value
  return fail('type-mismatch', operand, messages.notANumber(operator))
}

function expectBoolean(value: Value, operand: Span, operator: string): Truth {
  if (value.kind === 'boolean') return value
  return fail('type-mismatch', operand, messages.notABoolean(operator))
}

/** The common unit of operands that must agree; a bare literal takes the other side's unit. */
function commonUnit(span: Span, operator: string, values: readonly Quantity[]): Unit | undefined {
  let unit: Unit | undefined
  for (const value of values) {
    if (!value.unit) continue
    if (unit && !sameDims(unit.dims, value.unit.dims)) {
      const reason = messages.unitMismatch(operationName(operator), unit.symbol, value.unit.symbol)
      fail('unit-mismatch', span, reason)
    }
    unit ??= value.unit
  }
  return unit
}

// ---------------------------------------------------------------------------------------------
// Nodes

function evalFigure(node: FigureNode, env: Env): Quantity {
  const figure = env.context.lookup(node.id)
  if (!figure) {
    fail(
      'unknown-figure',
      node,
      messages.unknownFigure(node.id),
      didYouMean(node.id, env.context.ids()),
    )
  }
  const unit = unitFromSymbol(figure.unit)
  if (!unit) fail('unknown-unit', node, messages.unknownUnit(node.id, figure.unit))
  if (!Number.isFinite(figure.value)) {
    fail('non-finite', node, messages.nonFiniteFigure(node.id, figure.value))
  }
  env.figures.add(node.id)
  return quantity(node, figure.value, unit)
}

function evalUnary(node: UnaryNode, env: Env): Value {
  const argument = evalNode(node.argument, env)
  if (node.operator === 'not') return truth(!expectBoolean(argument, node.argument, 'not').value)
  const number = expectNumber(argument, node.argument, node.operator)
  return node.operator === '-' ? quantity(node, -number.value, number.unit) : number
}

function arithmetic(node: BinaryNode, left: Quantity, right: Quantity): Quantity {
  switch (node.operator) {
    case '+':
      return quantity(node, left.value + right.value, commonUnit(node, '+', [left, right]))
    case '-':
      return quantity(node, left.value - right.value, commonUnit(node, '-', [left, right]))
    case '*':
      return quantity(node, left.value * right.value, multiplyUnits(left.unit, right.unit))
    default:
      if (right.value === 0) fail('division-by-zero', node.right, messages.divisionByZero())
      return quantity(node, left.value / right.value, divideUnits(left.unit, right.unit))
  }
}

function ordering(node: BinaryNode, left: Quantity, right: Quantity): Truth {
  commonUnit(node, node.operator, [left, right])
  switch (node.operator) {
    case '<':
      return truth(left.value < right.value)
    case '<=':
      return truth(left.value <= right.value)
    case '>':
      return truth(left.value > right.value)
    default:
      return truth(left.value >= right.value)
  }
}

/** `==`/`!=` compare two numbers (same unit) or two booleans, never one of each. */
function equality(node: BinaryNode, left: Value, right: Value): Truth {
  if (left.kind === 'number' && right.kind === 'number') {
    commonUnit(node, node.operator, [left, right])
  } else if (left.kind !== right.kind) {
    fail('type-mismatch', node, messages.mixedEquality(node.operator))
  }
  const same = left.value === right.value
  return truth(node.operator === '==' ? same : !same)
}

function evalBinary(node: BinaryNode, env: Env): Value {
  // Both sides are always evaluated: every error and every figure read is reported, whatever
  // the values (there are no side effects to skip).
  const left = evalNode(node.left, env)
  const right = evalNode(node.right, env)
  const op = node.operator
  if (op === 'and' || op === 'or') {
    const a = expectBoolean(left, node.left, op).value
    const b = expectBoolean(right, node.right, op).value
    return truth(op === 'and' ? a && b : a || b)
  }
  if (op === '==' || op === '!=') return equality(node, left, right)
  const a = expectNumber(left, node.left, op)
  const b = expectNumber(right, node.right, op)
  if (op === '<' || op === '<=' || op === '>' || op === '>=') return ordering(node, a, b)
  return arithmetic(node, a, b)
}

// ---------------------------------------------------------------------------------------------
// Functions

/** An argument checkCall has already guaranteed; the guard only satisfies the type checker. */
function requiredArg(node: CallNode, index: number): ExprNode {
  const arg = node.arguments[index]
  if (!arg) throw new Error(`${node.callee}: argument ${index + 1} missing after checkCall`)
  return arg
}

function numberArg(node: CallNode, index: number, env: Env): Quantity {
  const arg = requiredArg(node, index)
  return expectNumber(evalNode(arg, env), arg, node.callee)
}

function numberArgs(node: CallNode, env: Env): Quantity[] {
  return node.arguments.map((arg) => expectNumber(evalNode(arg, env), arg, node.callee))
}

function extremum(pick: (...values: number[]) => number): FunctionImpl {
  return (node, env) => {
    const args = numberArgs(node, env)
    const unit = commonUnit(node, node.callee, args)
    return quantity(node, pick(...args.map((arg) => arg.value)), unit)
  }
}

/** One-argument functions that keep their argument's unit (`abs`, `floor`, `ceil`). */
function unitPreserving(apply: (value: number) => number): FunctionImpl {
  return (node, env) => {
    const x = numberArg(node, 0, env)
    return quantity(node, apply(x.value), x.unit)
  }
}

function roundDigits(node: CallNode, env: Env): number {
  const arg = node.arguments[1]
  if (!arg) return 0
  const digits = expectNumber(evalNode(arg, env), arg, 'round')
  const dimensionless = !digits.unit || sameDims(digits.unit.dims, {})
  if (!dimensionless || !Number.isInteger(digits.value) || Math.abs(digits.value) > 15) {
    fail('invalid-argument', arg, messages.invalidDigits(digits.value))
  }
  return digits.value
}

function round(node: CallNode, env: Env): Value {
  const x = numberArg(node, 0, env)
  return quantity(node, roundTo(x.value, roundDigits(node, env)), x.unit)
}

/** `scenario("name", expr)`: `expr` read from the same model under another scenario. */
function scenario(node: CallNode, env: Env): Value {
  const name = requiredArg(node, 0)
  const expr = requiredArg(node, 1)
  if (name.type !== 'string') throw new Error('scenario: name is not a string after checkCall')
  const context = env.context.scenario(name.value)
  if (!context) {
    const known = [...env.context.scenarioNames()]
    fail(
      'unknown-scenario',
      name,
      messages.unknownScenario(name.value, known),
      didYouMean(name.value, known),
    )
  }
  env.scenarios.add(name.value)
  return evalNode(expr, { ...env, context })
}

const implementations: ReadonlyMap<string, FunctionImpl> = new Map<string, FunctionImpl>([
  ['min', extremum(Math.min)],
  ['max', extremum(Math.max)],
  ['abs', unitPreserving(Math.abs)],
  ['floor', unitPreserving(Math.floor)],
  ['ceil', unitPreserving(Math.ceil)],
  ['round', round],
  ['scenario', scenario],
])

function evalCall(node: CallNode, env: Env): Value {
  const spec = checkCall(node)
  const impl = implementations.get(spec.name)
  // Unreachable while functions.ts and this table list the same names; a test checks they do.
  if (!impl)
    return fail('unknown-function', node.calleeSpan, messages.unknownFunction(spec.name, []))
  return impl(node, env)
}

function evalNode(node: ExprNode, env: Env): Value {
  switch (node.type) {
    case 'number':
      return quantity(node, node.value, undefined)
    case 'string':
      return fail('expr-syntax', node, messages.misplacedString(JSON.stringify(node.value)))
    case 'figure':
      return evalFigure(node, env)
    case 'unary':
      return evalUnary(node, env)
    case 'binary':
      return evalBinary(node, env)
    case 'call':
      return evalCall(node, env)
  }
}

/** Bare numbers that never met a unit are reported as a `count`. */
function publicValue(value: Value): ExprValue {
  if (value.kind === 'boolean') return { kind: 'boolean', value: value.value }
  return { kind: 'number', value: value.value, unit: value.unit ?? countUnit }
}

/** Names of the functions the evaluator implements; must equal functions.ts's allow-list. */
export const implementedFunctions: readonly string[] = [...implementations.keys()]

/**
 * Parses (when given source) and evaluates an expression, returning its value and the figure
 * ids and scenarios it read, for provenance. Throws ExprError on any failure.
 */
export function evaluateExpression(input: string | ExprNode, context: ExprContext): ExprResult {
  const node = typeof input === 'string' ? parseExpression(input) : input
  const env: Env = { context, figures: new Set(), scenarios: new Set() }
  const result = publicValue(evalNode(node, env))
  return { result, figures: [...env.figures], scenarios: [...env.scenarios] }
}
