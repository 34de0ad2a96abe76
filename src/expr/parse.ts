/**
 * Parser for directive expressions such as `sft.cost / pairs.total` or
 * `ratio.conservative > 10 and not (x < 1)`.
 *
 * jsep does operator precedence; a `gobble-token` hook reads every operand itself (numbers,
 * strings, dotted figure ids, calls, parentheses, prefix operators) so that each gets an exact
 * source span and nothing outside the grammar (indexing, `this`, array literals, `?:`) can be
 * produced. jsep's AST is then converted into the positioned tree of ast.ts.
 */
import jsep from 'jsep'
import { expected, found, hints, messages } from '../diagnostics/expr-messages.ts'
import type { BinaryOperator, CallNode, ExprNode, Span, UnaryOperator } from './ast.ts'
import { ExprError } from './error.ts'
import { checkCall } from './functions.ts'

/** Longest source accepted; directive expressions are one-liners, and the cap bounds recursion. */
export const maxExpressionLength = 1000

/** Deepest nesting of parentheses, calls and prefix operators accepted. */
export const maxNestingDepth = 32

/** Binary operators and jsep precedences (higher binds tighter); `and`/`or` sit below comparisons. */
const binaryPrecedence: ReadonlyMap<string, number> = new Map<BinaryOperator, number>([
  ['or', 1],
  ['and', 2],
  ['==', 6],
  ['!=', 6],
  ['<', 7],
  ['<=', 7],
  ['>', 7],
  ['>=', 7],
  ['+', 9],
  ['-', 9],
  ['*', 10],
  ['/', 10],
])

const binaryOperators: ReadonlyMap<string, BinaryOperator> = new Map(
  [...binaryPrecedence.keys()].map((op) => [op, op as BinaryOperator]),
)

/** A parsed operand: our node plus its outer span, which includes any enclosing parentheses. */
interface Positioned extends Span {
  readonly node: ExprNode
}

/** Per-call parser state; jsep is a singleton, so the hook finds the current parse here. */
interface ParseState {
  depth: number
}

let state: ParseState | undefined

/** jsep passes our operands around as opaque marker objects; this maps them back. */
const positioned = new WeakMap<jsep.Expression, Positioned>()

const identifierStart = /[A-Za-z_$]/
const identifierPart = /[A-Za-z0-9_$]/
const wordPattern = /[A-Za-z_$][A-Za-z0-9_$]*/y
const numberPattern = /(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/y
const operatorRunPattern = /[=!<>&|*%^~?:]{1,3}/y
const spaces = new Set([' ', '\t', '\n', '\r'])
const wordOperators = new Set(['and', 'or', 'not'])

/** Common JavaScript habits and what to write instead. */
const operatorHints: ReadonlyMap<string, () => string> = new Map([
  ['&&', () => hints.useInstead('and')],
  ['&', () => hints.useInstead('and')],
  ['||', () => hints.useInstead('or')],
  ['|', () => hints.useInstead('or')],
  ['!', () => hints.useInstead('not')],
  ['=', () => hints.useInstead('==')],
  ['===', () => hints.useInstead('==')],
  ['!==', () => hints.useInstead('!=')],
  ['**', hints.noPowers],
  ['^', hints.noPowers],
  ['%', hints.noRemainder],
  ['?', hints.noConditional],
  ['[', hints.noIndexing],
  [']', hints.noIndexing],
])

function isIdentifierStart(ch: string | undefined): boolean {
  return ch !== undefined && identifierStart.test(ch)
}

function isIdentifierPart(ch: string | undefined): boolean {
  return ch !== undefined && identifierPart.test(ch)
}

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9'
}

function matchAt(pattern: RegExp, source: string, index: number): string | undefined {
  pattern.lastIndex = index
  return pattern.exec(source)?.[0]
}

function skipSpaces(source: string, index: number): number {
  let i = index
  while (spaces.has(source[i] ?? '')) i++
  return i
}

// ---------------------------------------------------------------------------------------------
// Syntax errors

/** What sits at `index`, phrased for "Unexpected X", and how many characters it covers. */
function describeFound(source: string, index: number): { text: string; length: number } {
  const ch = source[index]
  if (ch === undefined) return { text: found.end(), length: 0 }
  if (spaces.has(ch)) return { text: found.space(), length: 1 }
  const token =
    matchAt(wordPattern, source, index) ??
    matchAt(numberPattern, source, index) ??
    matchAt(operatorRunPattern, source, index) ??
    String.fromCodePoint(source.codePointAt(index) ?? 0)
  return { text: found.token(token), length: token.length }
}

/** The word or operator that ends just before `index`, for "expected an expression after X". */
function precedingOperator(source: string, end: number): string | undefined {
  const before = source.slice(0, end)
  const word = /(?:^|[^.A-Za-z0-9_$])(and|or|not)$/.exec(before)?.[1]
  if (word) return word
  return /(?:<=|>=|==|!=|[-+*/<>])$/.exec(before)?.[0]
}

/** What the grammar allows at `index`, judged from the text before it. */
function expectedAt(source: string, index: number): string {
  let j = index - 1
  while (j >= 0 && spaces.has(source[j] ?? '')) j--
  if (j < 0) return expected.expression()
  const operator = precedingOperator(source, j + 1)
  if (operator) return expected.expressionAfter(operator)
  const previous = source[j] ?? ''
  if (previous === '(' || previous === ',') return expected.expression()
  return expected.operatorOrEnd()
}

/** A hint for JavaScript operators the language leaves out, judged by the run around `index`. */
function hintAt(source: string, index: number): string | undefined {
  const operatorChar = /[=!&|*%^?[\]]/
  let start = index
  let end = index
  while (start > 0 && operatorChar.test(source[start - 1] ?? '')) start--
  while (end < source.length && operatorChar.test(source[end] ?? '')) end++
  const run = source.slice(start, end)
  // A lone `=` after an operator (`a < = b`) is a stray space, not an attempt at equality.
  const before = source.slice(0, start).trimEnd()
  if (run === '=' && precedingOperator(before, before.length)) return undefined
  return operatorHints.get(run)?.()
}

/** An `expr-syntax` error at `index`: "Unexpected <what is there>, expected <wanted>". */
function syntaxError(source: string, index: number, wanted?: string, hint?: string): ExprError {
  const what = describeFound(source, index)
  return new ExprError({
    ruleId: 'expr-syntax',
    start: index,
    end: index + what.length,
    reason: messages.syntax(what.text, wanted ?? expectedAt(source, index)),
    hint: hint ?? hintAt(source, index),
  })
}

// ---------------------------------------------------------------------------------------------
// Operands, read by the gobble-token hook

function wrap(item: Positioned): jsep.Expression {
  const marker: jsep.Expression = { type: 'Positioned' }
  positioned.set(marker, item)
  return marker
}

/** Converts what jsep returned (our markers joined by BinaryExpressions) into a Positioned. */
function unwrap(expr: jsep.Expression | false | undefined, source: string, at: number): Positioned {
  if (!expr) throw syntaxError(source, at)
  const item = positioned.get(expr)
  if (item) return item
  if (expr.type === 'BinaryExpression') return binary(expr as jsep.BinaryExpression, source, at)
  // Unreachable while the hook is active: every other jsep node type is refused by the hook.
  throw syntaxError(source, at)
}

function binary(expr: jsep.BinaryExpression, source: string, at: number): Positioned {
  const operator = binaryOperators.get(expr.operator)
  if (!operator) throw syntaxError(source, at)
  const left = unwrap(expr.left, source, at)
  const right = unwrap(expr.right, source, at)
  const span = { start: left.start, end: right.end }
  return {
    ...span,
    node: { type: 'binary', operator, left: left.node, right: right.node, ...span },
  }
}

/** Runs a nested read, refusing nesting deep enough to threaten the stack. */
function nested(scope: jsep.HookScope, read: (scope: jsep.HookScope) => Positioned): Positioned {
  const current = state ?? { depth: 0 }
  if (current.depth >= maxNestingDepth) {
    throw new ExprError({
      ruleId: 'expr-syntax',
      start: scope.index,
      end: scope.index + 1,
      reason: messages.tooDeep(maxNestingDepth),
    })
  }
  current.depth++
  try {
    return read(scope)
  } finally {
    current.depth--
  }
}

function readNumber(scope: jsep.HookScope): Positioned {
  const start = scope.index
  const raw = matchAt(numberPattern, scope.expr, start) ?? ''
  scope.index = start + raw.length
  const span = { start, end: scope.index }
  return { ...span, node: { type: 'number', value: Number(raw), raw, ...span } }
}

function readString(scope: jsep.HookScope): Positioned {
  const source = scope.expr
  const start = scope.index
  const quote = source[start] ?? '"'
  let value = ''
  let i = start + 1
  while (i < source.length && source[i] !== quote) {
    // A backslash keeps the next character literally, so names may contain quotes.
    if (source[i] === '\\') i++
    value += source[i] ?? ''
    i++
  }
  if (i >= source.length) throw syntaxError(source, source.length, expected.closingQuote(quote))
  scope.index = i + 1
  const span = { start, end: scope.index }
  return { ...span, node: { type: 'string', value, ...span } }
}

function readGroup(scope: jsep.HookScope): Positioned {
  const start = scope.index
  scope.index++
  const inner = unwrap(scope.gobbleExpression(), scope.expr, scope.index)
  scope.gobbleSpaces()
  if (scope.expr[scope.index] !== ')') {
    throw syntaxError(scope.expr, scope.index, expected.operatorOrClose())
  }
  scope.index++
  return { start, end: scope.index, node: inner.node }
}

function readUnary(scope: jsep.HookScope, operator: UnaryOperator): Positioned {
  const start = scope.index
  scope.index += operator.length
  const argument = unwrap(scope.gobbleToken(), scope.expr, scope.index)
  const span = { start, end: argument.end }
  return { ...span, node: { type: 'unary', operator, argument: argument.node, ...span } }
}

/** Reads `a.b.c`; a dot must be followed directly by the next name. */
function readDottedName(source: string, start: number): number {
  let end = start + (matchAt(wordPattern, source, start) ?? '').length
  while (source[end] === '.') {
    const segment = matchAt(wordPattern, source, end + 1)
    if (!segment) {
      throw syntaxError(source, end + 1, expected.segmentAfter(source.slice(start, end + 1)))
    }
    end += 1 + segment.length
  }
  return end
}

function readArguments(scope: jsep.HookScope): ExprNode[] {
  const args: ExprNode[] = []
  scope.index++
  scope.gobbleSpaces()
  if (scope.expr[scope.index] === ')') {
    scope.index++
    return args
  }
  for (;;) {
    args.push(unwrap(scope.gobbleExpression(), scope.expr, scope.index).node)
    scope.gobbleSpaces()
    const next = scope.expr[scope.index]
    scope.index++
    if (next === ')') return args
    if (next !== ',') {
      throw syntaxError(scope.expr, scope.index - 1, expected.operatorCommaOrClose())
    }
  }
}

function readCall(scope: jsep.HookScope, callee: string, calleeSpan: Span): Positioned {
  const args = readArguments(scope)
  const span = { start: calleeSpan.start, end: scope.index }
  const node: CallNode = { type: 'call', callee, calleeSpan, arguments: args, ...span }
  return { ...span, node }
}

/** A figure id, or a call when `(` follows the name. */
function readReference(scope: jsep.HookScope): Positioned {
  const source = scope.expr
  const start = scope.index
  const end = readDottedName(source, start)
  const id = source.slice(start, end)
  const afterSpaces = skipSpaces(source, end)
  if (source[afterSpaces] === '(') {
    scope.index = afterSpaces
    return nested(scope, (s) => readCall(s, id, { start, end }))
  }
  scope.index = end
  const span = { start, end }
  return { ...span, node: { type: 'figure', id, ...span } }
}

/** A word: `not` (prefix operator), `and`/`or` out of place, or a figure id or call. */
function readWord(scope: jsep.HookScope): Positioned {
  const source = scope.expr
  const word = matchAt(wordPattern, source, scope.index) ?? ''
  const wordEnd = scope.index + word.length
  if (word === 'not' && !isIdentifierPart(source[wordEnd])) {
    return nested(scope, (s) => readUnary(s, 'not'))
  }
  if (wordOperators.has(word) && source[wordEnd] !== '.') {
    // `a and` reaches here because jsep only takes a word operator when something follows it.
    const rest = skipSpaces(source, wordEnd)
    if (rest >= source.length) throw syntaxError(source, rest, expected.expressionAfter(word))
    throw syntaxError(source, scope.index, undefined, hints.reservedWord(word))
  }
  return readReference(scope)
}

/** Reads one operand at `scope.index`, or throws: jsep's own fallbacks are never reached. */
function readOperand(scope: jsep.HookScope): Positioned {
  const source = scope.expr
  const ch = source[scope.index]
  if (isDigit(ch) || (ch === '.' && isDigit(source[scope.index + 1]))) return readNumber(scope)
  if (ch === '"' || ch === "'") return readString(scope)
  if (ch === '(') return nested(scope, readGroup)
  if (ch === '-' || ch === '+') return nested(scope, (s) => readUnary(s, ch))
  if (isIdentifierStart(ch)) return readWord(scope)
  throw syntaxError(source, scope.index)
}

/** jsep `gobble-token` hook: active only inside parseExpression, so other jsep users are unaffected. */
function gobbleTokenHook(this: jsep.HookScope, env: { node?: jsep.Expression }): void {
  if (!state) return
  env.node = wrap(readOperand(this))
}

// ---------------------------------------------------------------------------------------------
// jsep configuration, once at module load

function configureJsep(): void {
  jsep.removeAllBinaryOps()
  for (const [operator, precedence] of binaryPrecedence) jsep.addBinaryOp(operator, precedence)
  jsep.removeAllUnaryOps()
  for (const operator of ['-', '+', 'not']) jsep.addUnaryOp(operator)
  // No `true`/`false`/`null`: booleans come from comparisons, and there is no null.
  jsep.removeAllLiterals()
  // The ternary plugin is jsep's only default hook; without it `?` is a syntax error.
  const hookLists = jsep.hooks as unknown as Partial<Record<jsep.HookType, unknown[]>>
  hookLists['after-expression'] = []
  jsep.hooks.add('gobble-token', gobbleTokenHook)
}

configureJsep()

// ---------------------------------------------------------------------------------------------
// Entry point

/** Strings may only name a scenario; checks that and every call, walking the whole tree. */
function validate(node: ExprNode, isScenarioName = false): void {
  if (node.type === 'string' && !isScenarioName) {
    throw new ExprError({
      ruleId: 'expr-syntax',
      start: node.start,
      end: node.end,
      reason: messages.misplacedString(JSON.stringify(node.value)),
    })
  }
  if (node.type === 'unary') validate(node.argument)
  if (node.type === 'binary') {
    validate(node.left)
    validate(node.right)
  }
  if (node.type === 'call') {
    const spec = checkCall(node)
    node.arguments.forEach((arg, i) => {
      validate(arg, spec.name === 'scenario' && i === 0)
    })
  }
}

/** Runs jsep and returns the single top-level operand; anything after it is an error. */
function parseTree(source: string): Positioned {
  const root = jsep(source)
  const first = root.type === 'Compound' ? (root as jsep.Compound).body[0] : root
  // jsep skips `,` and `;` between top-level expressions: an empty body means only those.
  if (!first) throw syntaxError(source, skipSpaces(source, 0), expected.expression())
  const tree = unwrap(first, source, 0)
  const rest = skipSpaces(source, tree.end)
  if (rest < source.length) throw syntaxError(source, rest, expected.operatorOrEnd())
  return tree
}

/** jsep's own errors carry `index`; anything else is a bug and propagates unchanged. */
function toExprError(error: unknown, source: string): unknown {
  if (error instanceof ExprError) return error
  if (error instanceof Error && 'index' in error && typeof error.index === 'number') {
    return syntaxError(source, Math.min(error.index, source.length))
  }
  return error
}

/**
 * Parses a directive expression into a positioned AST. Throws ExprError (`expr-syntax`,
 * `unknown-function`, `wrong-arity`) with the offset of the problem.
 */
export function parseExpression(source: string): ExprNode {
  const cached = parsed.get(source)
  if (cached) return cached
  const node = parseUncached(source)
  // The same claims are evaluated under every scenario and on every rebuild.
  if (parsed.size >= PARSE_CACHE_LIMIT) parsed.clear()
  parsed.set(source, node)
  return node
}

// Parsed trees are never mutated, so one tree can serve every evaluation of the same text.
const PARSE_CACHE_LIMIT = 5000
const parsed = new Map<string, ExprNode>()

function parseUncached(source: string): ExprNode {
  if (source.length > maxExpressionLength) {
    throw new ExprError({
      ruleId: 'expr-syntax',
      start: maxExpressionLength,
      end: source.length,
      reason: messages.tooLong(source.length, maxExpressionLength),
    })
  }
  state = { depth: 0 }
  try {
    const tree = parseTree(source)
    validate(tree.node)
    return tree.node
  } catch (error) {
    throw toExprError(error, source)
  } finally {
    state = undefined
  }
}
