/**
 * The allow-list of functions expressions may call, and the checks a call must pass before it
 * is evaluated. Names are looked up in a Map, never as properties, so `constructor(x)` or
 * `toString()` are simply unknown functions.
 */

import { hints, messages } from '../diagnostics/expr-messages.ts'
import { suggest } from '../diagnostics/suggest.ts'
import type { CallNode, ExprNode } from './ast.ts'
import { ExprError } from './error.ts'

/** How a function may be called. */
export interface FunctionSpec {
  readonly name: string
  readonly minArgs: number
  /** `Infinity` for variadic functions. */
  readonly maxArgs: number
  /** A call as the docs and error messages show it. */
  readonly usage: string
}

const specs: readonly FunctionSpec[] = [
  { name: 'min', minArgs: 2, maxArgs: Number.POSITIVE_INFINITY, usage: 'min(a, b, …)' },
  { name: 'max', minArgs: 2, maxArgs: Number.POSITIVE_INFINITY, usage: 'max(a, b, …)' },
  { name: 'abs', minArgs: 1, maxArgs: 1, usage: 'abs(x)' },
  { name: 'round', minArgs: 1, maxArgs: 2, usage: 'round(x, digits)' },
  { name: 'floor', minArgs: 1, maxArgs: 1, usage: 'floor(x)' },
  { name: 'ceil', minArgs: 1, maxArgs: 1, usage: 'ceil(x)' },
  { name: 'scenario', minArgs: 2, maxArgs: 2, usage: 'scenario("name", expr)' },
]

/** Every callable function by name. */
export const functionSpecs: ReadonlyMap<string, FunctionSpec> = new Map(
  specs.map((spec) => [spec.name, spec]),
)

/** The names of the callable functions, in documentation order. */
export const functionNames: readonly string[] = specs.map((spec) => spec.name)

function arityText(spec: FunctionSpec): string {
  if (spec.minArgs === spec.maxArgs) return messages.arityExactly(spec.minArgs)
  if (spec.maxArgs === Number.POSITIVE_INFINITY) return messages.arityAtLeast(spec.minArgs)
  return messages.arityBetween(spec.minArgs, spec.maxArgs)
}

function specFor(node: CallNode): FunctionSpec {
  const spec = functionSpecs.get(node.callee)
  if (spec) return spec
  const close = suggest(node.callee, functionNames)
  throw new ExprError({
    ruleId: 'unknown-function',
    ...node.calleeSpan,
    reason: messages.unknownFunction(node.callee, functionNames),
    hint: close === undefined ? undefined : hints.didYouMean(close),
  })
}

function checkArity(node: CallNode, spec: FunctionSpec): void {
  const count = node.arguments.length
  if (count >= spec.minArgs && count <= spec.maxArgs) return
  throw new ExprError({
    ruleId: 'wrong-arity',
    start: node.start,
    end: node.end,
    reason: messages.wrongArity(spec.name, count, arityText(spec), spec.usage),
  })
}

/** A scenario's first argument must be a string literal: the name is data, not arithmetic. */
function checkScenarioName(node: CallNode): void {
  const name = node.arguments[0]
  if (!name || name.type === 'string') return
  throw new ExprError({
    ruleId: 'expr-syntax',
    start: name.start,
    end: name.end,
    reason: messages.scenarioName(describeNode(name)),
  })
}

function describeNode(node: ExprNode): string {
  if (node.type === 'figure') return node.id
  if (node.type === 'number') return node.raw
  if (node.type === 'call') return `${node.callee}(…)`
  return 'expression'
}

/**
 * Throws ExprError unless the call names an allowed function with an allowed number of
 * arguments (and, for `scenario`, a quoted name). Returns the function's spec.
 */
export function checkCall(node: CallNode): FunctionSpec {
  const spec = specFor(node)
  checkArity(node, spec)
  if (spec.name === 'scenario') checkScenarioName(node)
  return spec
}
