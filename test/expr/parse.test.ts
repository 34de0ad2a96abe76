import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  ExprError,
  type ExprNode,
  expected,
  found,
  functionNames,
  hints,
  maxExpressionLength,
  maxNestingDepth,
  messages,
  parseExpression,
} from '../../src/expr/index.ts'

/** Asserts that parsing throws an ExprError with the given fields. */
function assertParseError(
  source: string,
  want: { ruleId: string; start: number; end: number; reason?: string; hint?: string },
): ExprError {
  let caught: unknown
  try {
    parseExpression(source)
  } catch (error) {
    caught = error
  }
  assert.ok(caught instanceof ExprError, `expected ExprError for ${JSON.stringify(source)}`)
  assert.equal(caught.ruleId, want.ruleId)
  assert.equal(caught.start, want.start, `start for ${JSON.stringify(source)}`)
  assert.equal(caught.end, want.end, `end for ${JSON.stringify(source)}`)
  if (want.reason !== undefined) assert.equal(caught.reason, want.reason)
  if ('hint' in want) assert.equal(caught.hint, want.hint)
  return caught
}

/** The source text each node's span covers, in pre-order. */
function spans(source: string, node: ExprNode): string[] {
  const own = source.slice(node.start, node.end)
  switch (node.type) {
    case 'unary':
      return [own, ...spans(source, node.argument)]
    case 'binary':
      return [own, ...spans(source, node.left), ...spans(source, node.right)]
    case 'call':
      return [own, ...node.arguments.flatMap((arg) => spans(source, arg))]
    default:
      return [own]
  }
}

describe('parseExpression: structure', () => {
  it('turns dotted ids into one figure node', () => {
    const node = parseExpression('rlaif.pairs.m1')
    assert.deepEqual(node, { type: 'figure', id: 'rlaif.pairs.m1', start: 0, end: 14 })
  })

  it('parses numbers in all jsep forms', () => {
    for (const [raw, value] of [
      ['10', 10],
      ['1.5', 1.5],
      ['.25', 0.25],
      ['2.', 2],
      ['1e3', 1000],
      ['2.5E-2', 0.025],
    ] as const) {
      const node = parseExpression(raw)
      assert.equal(node.type, 'number')
      assert.equal(node.type === 'number' && node.value, value)
      assert.equal(node.end, raw.length)
    }
  })

  it('gives * and / precedence over + and -, left-associatively', () => {
    const node = parseExpression('a - b - c * d')
    assert.equal(node.type, 'binary')
    if (node.type !== 'binary') return
    assert.equal(node.operator, '-')
    assert.equal(node.left.type === 'binary' && node.left.operator, '-')
    assert.equal(node.right.type === 'binary' && node.right.operator, '*')
  })

  it('puts and below comparisons and or below and', () => {
    const node = parseExpression('a < 1 or b > 2 and c == 3')
    assert.equal(node.type === 'binary' && node.operator, 'or')
    if (node.type !== 'binary') return
    assert.equal(node.left.type === 'binary' && node.left.operator, '<')
    assert.equal(node.right.type === 'binary' && node.right.operator, 'and')
  })

  it('parses unary -, + and not', () => {
    const node = parseExpression('not (-a < +b)')
    assert.equal(node.type === 'unary' && node.operator, 'not')
  })

  it('does not take a word operator out of a longer name', () => {
    assert.deepEqual(parseExpression('notable.x'), {
      type: 'figure',
      id: 'notable.x',
      start: 0,
      end: 9,
    })
    const node = parseExpression('a.and + order.or')
    assert.equal(node.type === 'binary' && node.operator, '+')
  })

  it('parses calls with their arguments', () => {
    const node = parseExpression('min(a, b.c, 3)')
    assert.equal(node.type, 'call')
    if (node.type !== 'call') return
    assert.equal(node.callee, 'min')
    assert.deepEqual(node.calleeSpan, { start: 0, end: 3 })
    assert.equal(node.arguments.length, 3)
  })

  it('accepts a string literal as the scenario name', () => {
    const node = parseExpression(`scenario('optimistic', sft.cost)`)
    assert.equal(node.type === 'call' && node.arguments[0]?.type, 'string')
  })

  it('allows whitespace, tabs and newlines between tokens', () => {
    assert.equal(parseExpression(' \t a\n+\r\nb ').type, 'binary')
  })
})

describe('parseExpression: offsets', () => {
  it('places figures exactly: sft.cost + foo.bar', () => {
    const node = parseExpression('sft.cost + foo.bar')
    assert.equal(node.type, 'binary')
    if (node.type !== 'binary') return
    assert.deepEqual([node.left.start, node.left.end], [0, 8])
    assert.deepEqual([node.right.start, node.right.end], [11, 18])
    assert.deepEqual([node.start, node.end], [0, 18])
  })

  it('places every node of a nested expression', () => {
    const source = '  -x.y * (min(a,  2.5) - round(b.c, 1))'
    assert.deepEqual(spans(source, parseExpression(source)), [
      '-x.y * (min(a,  2.5) - round(b.c, 1))',
      '-x.y',
      'x.y',
      'min(a,  2.5) - round(b.c, 1)',
      'min(a,  2.5)',
      'a',
      '2.5',
      'round(b.c, 1)',
      'b.c',
      '1',
    ])
  })

  it('includes parentheses in the span of a parenthesised operand', () => {
    const node = parseExpression('(a + b) * c')
    assert.deepEqual([node.start, node.end], [0, 11])
  })

  it('keeps a lone parenthesised figure on its name', () => {
    assert.deepEqual(parseExpression('( a.b )'), { type: 'figure', id: 'a.b', start: 2, end: 5 })
  })

  it('places strings including their quotes', () => {
    const node = parseExpression('scenario( "x\\"y" , a)')
    const name = node.type === 'call' ? node.arguments[0] : undefined
    assert.deepEqual(name, { type: 'string', value: 'x"y', start: 10, end: 16 })
  })
})

describe('parseExpression: syntax errors', () => {
  const syntax = (what: string, wanted: string): string => messages.syntax(what, wanted)

  it('reports an empty or blank expression', () => {
    const reason = syntax(found.end(), expected.expression())
    assertParseError('', { ruleId: 'expr-syntax', start: 0, end: 0, reason })
    assertParseError('   ', { ruleId: 'expr-syntax', start: 3, end: 3, reason })
  })

  it('reports a missing right operand at the end', () => {
    assertParseError('a +', {
      ruleId: 'expr-syntax',
      start: 3,
      end: 3,
      reason: syntax(found.end(), expected.expressionAfter('+')),
    })
  })

  it('reports a stray operator after an operator', () => {
    assertParseError('a + * b', {
      ruleId: 'expr-syntax',
      start: 4,
      end: 5,
      reason: syntax(found.token('*'), expected.expressionAfter('+')),
    })
  })

  it('reports two operands in a row, and separators jsep would skip', () => {
    const reason = (t: string) => syntax(found.token(t), expected.operatorOrEnd())
    assertParseError('a b', { ruleId: 'expr-syntax', start: 2, end: 3, reason: reason('b') })
    assertParseError('a, b', { ruleId: 'expr-syntax', start: 1, end: 2, reason: reason(',') })
    assertParseError('a;', { ruleId: 'expr-syntax', start: 1, end: 2, reason: reason(';') })
    assertParseError('2x', { ruleId: 'expr-syntax', start: 1, end: 2, reason: reason('x') })
  })

  it('reports unbalanced parentheses', () => {
    assertParseError('(a + b', {
      ruleId: 'expr-syntax',
      start: 6,
      end: 6,
      reason: syntax(found.end(), expected.operatorOrClose()),
    })
    assertParseError('a)', { ruleId: 'expr-syntax', start: 1, end: 2 })
    assertParseError('()', {
      ruleId: 'expr-syntax',
      start: 1,
      end: 2,
      reason: syntax(found.token(')'), expected.expression()),
    })
  })

  it('reports bad argument lists', () => {
    assertParseError('min(a b)', {
      ruleId: 'expr-syntax',
      start: 6,
      end: 7,
      reason: syntax(found.token('b'), expected.operatorCommaOrClose()),
    })
    assertParseError('min(a,)', { ruleId: 'expr-syntax', start: 6, end: 7 })
    assertParseError('min(,a)', { ruleId: 'expr-syntax', start: 4, end: 5 })
    assertParseError('min(a, b', { ruleId: 'expr-syntax', start: 8, end: 8 })
  })

  it('reports a dangling or spaced dot in an id', () => {
    assertParseError('sft.', {
      ruleId: 'expr-syntax',
      start: 4,
      end: 4,
      reason: syntax(found.end(), expected.segmentAfter('sft.')),
    })
    assertParseError('sft. cost', {
      ruleId: 'expr-syntax',
      start: 4,
      end: 5,
      reason: syntax(found.space(), expected.segmentAfter('sft.')),
    })
    assertParseError('sft .cost', { ruleId: 'expr-syntax', start: 4, end: 5 })
    assertParseError('a.1', { ruleId: 'expr-syntax', start: 2, end: 3 })
  })

  it('reports an unclosed string', () => {
    assertParseError('scenario("opt, a)', {
      ruleId: 'expr-syntax',
      start: 17,
      end: 17,
      reason: syntax(found.end(), expected.closingQuote('"')),
    })
  })

  it('reports misplaced word operators', () => {
    assertParseError('a and', {
      ruleId: 'expr-syntax',
      start: 5,
      end: 5,
      reason: syntax(found.end(), expected.expressionAfter('and')),
    })
    assertParseError('or b', {
      ruleId: 'expr-syntax',
      start: 0,
      end: 2,
      reason: syntax(found.token('or'), expected.expression()),
      hint: hints.reservedWord('or'),
    })
    assertParseError('not', { ruleId: 'expr-syntax', start: 3, end: 3 })
  })

  it('hints at the operator to use instead of a JavaScript one', () => {
    const cases: Array<[string, number, number, string]> = [
      ['a && b', 2, 4, hints.useInstead('and')],
      ['a || b', 2, 4, hints.useInstead('or')],
      ['!a', 0, 1, hints.useInstead('not')],
      ['a === b', 4, 5, hints.useInstead('==')],
      ['a !== b', 4, 5, hints.useInstead('!=')],
      ['a = b', 2, 3, hints.useInstead('==')],
      ['a ** 2', 3, 4, hints.noPowers()],
      ['a ^ 2', 2, 3, hints.noPowers()],
      ['a % 2', 2, 3, hints.noRemainder()],
    ]
    for (const [source, start, end, hint] of cases) {
      assertParseError(source, { ruleId: 'expr-syntax', start, end, hint })
    }
  })

  it('rejects operators and forms removed from jsep', () => {
    const cases: Array<[string, number, number]> = [
      ['a | b', 2, 3],
      ['a & b', 2, 3],
      ['a << 1', 3, 4],
      ['a >> 1', 3, 4],
      ['~a', 0, 1],
      ['a ?? b', 2, 4],
      ['a => b', 2, 4],
    ]
    for (const [source, start, end] of cases) {
      assertParseError(source, { ruleId: 'expr-syntax', start, end })
    }
  })

  it('limits length and nesting', () => {
    const long = `a${' + a'.repeat(maxExpressionLength)}`
    assertParseError(long, {
      ruleId: 'expr-syntax',
      start: maxExpressionLength,
      end: long.length,
      reason: messages.tooLong(long.length, maxExpressionLength),
    })
    const deep = `${'('.repeat(maxNestingDepth + 1)}a${')'.repeat(maxNestingDepth + 1)}`
    assertParseError(deep, {
      ruleId: 'expr-syntax',
      start: maxNestingDepth,
      end: maxNestingDepth + 1,
      reason: messages.tooDeep(maxNestingDepth),
    })
    const unary = `${'-'.repeat(maxNestingDepth + 1)}1`
    assertParseError(unary, {
      ruleId: 'expr-syntax',
      start: maxNestingDepth,
      end: maxNestingDepth + 1,
    })
    assert.doesNotThrow(() =>
      parseExpression(`${'('.repeat(maxNestingDepth)}a${')'.repeat(maxNestingDepth)}`),
    )
  })
})

describe('parseExpression: functions and strings', () => {
  it('rejects unknown functions, listing the allowed ones', () => {
    assertParseError('sft.cost + mean(a, b)', {
      ruleId: 'unknown-function',
      start: 11,
      end: 15,
      reason: messages.unknownFunction('mean', functionNames),
    })
    assertParseError('Math.max(a, b)', {
      ruleId: 'unknown-function',
      start: 0,
      end: 8,
      hint: hints.didYouMean('max'),
    })
    assertParseError('rond(a)', {
      ruleId: 'unknown-function',
      start: 0,
      end: 4,
      hint: hints.didYouMean('round'),
    })
  })

  it('checks the number of arguments', () => {
    assertParseError('abs(a, b)', {
      ruleId: 'wrong-arity',
      start: 0,
      end: 9,
      reason: messages.wrongArity('abs', 2, messages.arityExactly(1), 'abs(x)'),
    })
    assertParseError('min(a)', {
      ruleId: 'wrong-arity',
      start: 0,
      end: 6,
      reason: messages.wrongArity('min', 1, messages.arityAtLeast(2), 'min(a, b, …)'),
    })
    assertParseError('round()', {
      ruleId: 'wrong-arity',
      start: 0,
      end: 7,
      reason: messages.wrongArity('round', 0, messages.arityBetween(1, 2), 'round(x, digits)'),
    })
    assertParseError('scenario("x")', { ruleId: 'wrong-arity', start: 0, end: 13 })
  })

  it('allows strings only as the scenario name', () => {
    assertParseError('"abc" + 1', {
      ruleId: 'expr-syntax',
      start: 0,
      end: 5,
      reason: messages.misplacedString('"abc"'),
    })
    assertParseError('scenario("a", "b")', { ruleId: 'expr-syntax', start: 14, end: 17 })
    assertParseError('min("a", 1)', { ruleId: 'expr-syntax', start: 4, end: 7 })
    assertParseError('scenario(optimistic, a)', {
      ruleId: 'expr-syntax',
      start: 9,
      end: 19,
      reason: messages.scenarioName('optimistic'),
    })
  })
})
