/**
 * An expression compiled to a closure over a row of figure values (a Float64Array indexed like
 * the compiled model), for evaluating the same claim or number over thousands of Monte Carlo
 * draws without walking the AST each time. Units and types were already checked when the
 * expression was evaluated at its point values; here true and false are 1 and 0.
 */
import type { ExprNode } from './ast.ts'
import { roundTo } from './round.ts'

/**
 * The expression in one draw: `values` holds the draws of the scenario in force, the draw is at
 * `base`, and `draws(name)` gives another scenario's draws (laid out the same way).
 */
export type RowFunction = (
  values: Float64Array,
  base: number,
  draws: (scenario: string) => Float64Array,
) => number

type Fn = RowFunction

const truth = (value: boolean): number => (value ? 1 : 0)

/**
 * Compiles a parsed expression; `indexOf` gives a figure's index in a row (throws if unknown).
 * A figure `fixed` says is the same in every draw is read at its index alone, whatever the base
 * (a Monte Carlo sample keeps it once, see drawSlots).
 */
export function compileExpression(
  node: ExprNode,
  indexOf: (id: string) => number,
  fixed: (id: string) => boolean = () => false,
): RowFunction {
  const compile = (n: ExprNode): Fn => {
    switch (n.type) {
      case 'number': {
        const value = n.value
        return () => value
      }
      case 'string':
        return () => Number.NaN
      case 'figure': {
        const i = indexOf(n.id)
        if (fixed(n.id)) return (values) => values[i] as number
        return (values, base) => values[base + i] as number
      }
      case 'unary': {
        const arg = compile(n.argument)
        if (n.operator === 'not') return (v, b, d) => truth(arg(v, b, d) === 0)
        return n.operator === '-' ? (v, b, d) => -arg(v, b, d) : arg
      }
      case 'binary':
        return binary(n.operator, compile(n.left), compile(n.right))
      case 'call':
        return call(n, compile)
    }
  }
  return compile(node)
}

function binary(op: string, a: Fn, b: Fn): Fn {
  switch (op) {
    case '+':
      return (v, o, d) => a(v, o, d) + b(v, o, d)
    case '-':
      return (v, o, d) => a(v, o, d) - b(v, o, d)
    case '*':
      return (v, o, d) => a(v, o, d) * b(v, o, d)
    case '/':
      return (v, o, d) => a(v, o, d) / b(v, o, d)
    case '<':
      return (v, o, d) => truth(a(v, o, d) < b(v, o, d))
    case '<=':
      return (v, o, d) => truth(a(v, o, d) <= b(v, o, d))
    case '>':
      return (v, o, d) => truth(a(v, o, d) > b(v, o, d))
    case '>=':
      return (v, o, d) => truth(a(v, o, d) >= b(v, o, d))
    case '==':
      return (v, o, d) => truth(a(v, o, d) === b(v, o, d))
    case '!=':
      return (v, o, d) => truth(a(v, o, d) !== b(v, o, d))
    case 'and':
      return (v, o, d) => truth(a(v, o, d) !== 0 && b(v, o, d) !== 0)
    default:
      return (v, o, d) => truth(a(v, o, d) !== 0 || b(v, o, d) !== 0)
  }
}

function call(node: Extract<ExprNode, { type: 'call' }>, compile: (n: ExprNode) => Fn): Fn {
  if (node.callee === 'scenario') {
    const name = node.arguments[0]?.type === 'string' ? node.arguments[0].value : ''
    const inner = node.arguments[1] ? compile(node.arguments[1]) : () => Number.NaN
    return (_values, base, draws) => inner(draws(name), base, draws)
  }
  const args = node.arguments.map(compile)
  const first = args[0] ?? (() => Number.NaN)
  switch (node.callee) {
    case 'min':
      return (v, o, d) => Math.min(...args.map((f) => f(v, o, d)))
    case 'max':
      return (v, o, d) => Math.max(...args.map((f) => f(v, o, d)))
    case 'abs':
      return (v, o, d) => Math.abs(first(v, o, d))
    case 'floor':
      return (v, o, d) => Math.floor(first(v, o, d))
    case 'ceil':
      return (v, o, d) => Math.ceil(first(v, o, d))
    case 'round': {
      const digits = args[1] ?? (() => 0)
      return (v, o, d) => roundTo(first(v, o, d), digits(v, o, d))
    }
    default:
      return () => Number.NaN
  }
}
