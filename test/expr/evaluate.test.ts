import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { implementedFunctions } from '../../src/expr/evaluate.ts'
import {
  code,
  ExprError,
  type ExprValue,
  evaluateExpression,
  functionNames,
  hints,
  messages,
  operationName,
  parseExpression,
} from '../../src/expr/index.ts'
import { fakeContext } from './fake-context.ts'

const context = fakeContext()

function run(source: string): ExprValue {
  return evaluateExpression(source, context).result
}

/** A number result as `[value, unit symbol]`, for compact assertions. */
function numberOf(source: string): [number, string] {
  const result = run(source)
  assert.equal(result.kind, 'number', `${source} should be a number`)
  return result.kind === 'number' ? [result.value, result.unit.symbol] : [Number.NaN, '']
}

function booleanOf(source: string): boolean {
  const result = run(source)
  assert.equal(result.kind, 'boolean', `${source} should be a boolean`)
  return result.kind === 'boolean' && result.value
}

/** Asserts evaluation fails with an ExprError; returns it for further checks. */
function assertEvalError(
  source: string,
  want: {
    ruleId: string
    start?: number
    end?: number
    reason?: string
    hint?: string | undefined
  },
): ExprError {
  let caught: unknown
  try {
    run(source)
  } catch (error) {
    caught = error
  }
  assert.ok(caught instanceof ExprError, `expected ExprError for ${source}`)
  assert.equal(caught.ruleId, want.ruleId, `${source}: ${caught.message}`)
  if (want.start !== undefined) assert.equal(caught.start, want.start, `start for ${source}`)
  if (want.end !== undefined) assert.equal(caught.end, want.end, `end for ${source}`)
  if (want.reason !== undefined) assert.equal(caught.reason, want.reason)
  if ('hint' in want) assert.equal(caught.hint, want.hint)
  return caught
}

describe('evaluate: arithmetic and units', () => {
  it('reads figures with their units', () => {
    assert.deepEqual(run('sft.cost'), {
      kind: 'number',
      value: 42.54,
      unit: { symbol: 'USD', dims: { USD: 1 } },
    })
  })

  it('divides like by like into a ratio (USD / USD → ×)', () => {
    const [value, unit] = numberOf('synthetic.total / sft.cost')
    assert.equal(unit, '×')
    assert.ok(Math.abs(value - 280 / 42.54) < 1e-12)
  })

  it('cancels dimensions: GPU·h × USD/GPU·h → USD', () => {
    assert.deepEqual(numberOf('sft.gpu_hours * gpu.price'), [42.5, 'USD'])
  })

  it('finds a declared unit for derived dimensions: USD / pairs → USD/pair', () => {
    assert.equal(numberOf('sft.cost / pairs.total')[1], 'USD/pair')
    assert.equal(numberOf('sft.cost / gpu.price')[1], 'GPU·h')
  })

  it('composes a symbol when no unit matches', () => {
    assert.equal(numberOf('sft.cost * sft.gpu_hours')[1], 'USD·GPU·h')
    assert.equal(numberOf('sft.cost / tokens.total / pairs.total')[1], 'USD/(token·pair)')
    assert.equal(numberOf('1 / sft.cost')[1], '1/USD')
    assert.equal(numberOf('sft.cost * sft.cost')[1], 'USD²')
  })

  it('keeps the operand symbol when dimensions do not change', () => {
    assert.deepEqual(numberOf('sft.cost * 2'), [85.08, 'USD'])
    assert.deepEqual(numberOf('share.synthetic * 2'), [0.8, '%'])
    assert.deepEqual(numberOf('ratio.realistic / 4'), [3, '×'])
    assert.deepEqual(numberOf('sft.cost * share.synthetic')[1], 'USD')
  })

  it('adds and subtracts in one unit', () => {
    assert.deepEqual(numberOf('synthetic.total - sft.cost'), [280 - 42.54, 'USD'])
    assert.deepEqual(numberOf('rlaif.pairs.m1 + pairs.total'), [2640, 'pairs'])
  })

  it('refuses USD + GPU·h', () => {
    assertEvalError('sft.cost + sft.gpu_hours', {
      ruleId: 'unit-mismatch',
      start: 0,
      end: 24,
      reason: messages.unitMismatch(operationName('+'), 'USD', 'GPU·h'),
    })
    // Inside parentheses the span is the operation itself, without the parentheses.
    assertEvalError('(sft.cost - pairs.total) * 2', { ruleId: 'unit-mismatch', start: 1, end: 23 })
  })

  it('gives bare arithmetic the count unit', () => {
    assert.deepEqual(numberOf('2 * 3 + 1'), [7, 'count'])
    assert.deepEqual(numberOf('-(4)'), [-4, 'count'])
  })

  it('applies unary minus and plus, keeping the unit', () => {
    assert.deepEqual(numberOf('-sft.cost'), [-42.54, 'USD'])
    assert.deepEqual(numberOf('+sft.cost'), [42.54, 'USD'])
  })
})

describe('evaluate: bare literals adopt units', () => {
  it('in comparisons', () => {
    assert.equal(booleanOf('synthetic.total < 300'), true)
    assert.equal(booleanOf('ratio.realistic >= 10'), true)
    assert.equal(booleanOf('10 <= ratio.conservative'), true)
  })

  it('in + and -', () => {
    assert.deepEqual(numberOf('sft.cost + 10'), [52.54, 'USD'])
    assert.deepEqual(numberOf('100 - synthetic.total'), [-180, 'USD'])
  })

  it('in min and max', () => {
    assert.deepEqual(numberOf('min(sft.cost, 10)'), [10, 'USD'])
    assert.deepEqual(numberOf('max(1, 2, ratio.realistic)'), [12, '×'])
    assert.deepEqual(numberOf('min(3, 4)'), [3, 'count'])
  })

  it('but are dimensionless under * and /', () => {
    assert.deepEqual(numberOf('2 * sft.cost'), [85.08, 'USD'])
    assert.equal(numberOf('2 / pairs.total')[1], '1/pair')
  })

  it('and stay adaptable through arithmetic on literals only', () => {
    assert.deepEqual(numberOf('sft.cost + 2 * 5'), [52.54, 'USD'])
    assert.equal(booleanOf('sft.cost < -(-50)'), true)
  })
})

describe('evaluate: booleans', () => {
  it('compares with every operator', () => {
    assert.deepEqual(
      ['<', '<=', '>', '>=', '==', '!='].map((op) => booleanOf(`sft.cost ${op} 42.54`)),
      [false, true, false, true, true, false],
    )
  })

  it('combines with and, or, not', () => {
    assert.equal(booleanOf('sft.cost > 1 and ratio.realistic > 10'), true)
    assert.equal(booleanOf('sft.cost > 100 or ratio.realistic > 100'), false)
    assert.equal(booleanOf('not (sft.cost > 100)'), true)
    assert.equal(booleanOf('(sft.cost > 1) == (pairs.total > 1)'), true)
    assert.equal(booleanOf('(sft.cost > 1) != (pairs.total > 1)'), false)
  })

  it('refuses numbers where booleans belong', () => {
    assertEvalError('sft.cost and ratio.realistic > 1', {
      ruleId: 'type-mismatch',
      start: 0,
      end: 8,
      reason: messages.notABoolean('and'),
    })
    assertEvalError('not sft.cost', { ruleId: 'type-mismatch', start: 4, end: 12 })
  })

  it('refuses booleans in arithmetic and ordering', () => {
    assertEvalError('sft.cost + (ratio.realistic > 1)', {
      ruleId: 'type-mismatch',
      start: 12,
      end: 31,
      reason: messages.notANumber('+'),
    })
    assertEvalError('-(sft.cost > 1)', {
      ruleId: 'type-mismatch',
      reason: messages.notANumber('-'),
    })
    assertEvalError('sft.cost < 1 < 2', { ruleId: 'type-mismatch', start: 0, end: 12 })
    assertEvalError('abs(sft.cost > 1)', {
      ruleId: 'type-mismatch',
      reason: messages.notANumber('abs'),
    })
  })

  it('refuses == between a number and a boolean', () => {
    assertEvalError('sft.cost == (sft.cost > 1)', {
      ruleId: 'type-mismatch',
      reason: messages.mixedEquality('=='),
    })
  })

  it('checks units in comparisons', () => {
    assertEvalError('sft.cost > pairs.total', {
      ruleId: 'unit-mismatch',
      reason: messages.unitMismatch(operationName('>'), 'USD', 'pairs'),
    })
  })
})

describe('evaluate: functions', () => {
  it('implements exactly the allow-listed functions', () => {
    assert.deepEqual([...implementedFunctions].sort(), [...functionNames].sort())
  })

  it('min and max need one unit', () => {
    assert.deepEqual(numberOf('max(sft.cost, synthetic.total)'), [280, 'USD'])
    assertEvalError('min(sft.cost, pairs.total)', {
      ruleId: 'unit-mismatch',
      reason: messages.unitMismatch(operationName('min'), 'USD', 'pairs'),
    })
  })

  it('abs, floor, ceil and round keep the unit', () => {
    assert.deepEqual(numberOf('abs(-sft.cost)'), [42.54, 'USD'])
    assert.deepEqual(numberOf('floor(sft.cost)'), [42, 'USD'])
    assert.deepEqual(numberOf('ceil(sft.cost)'), [43, 'USD'])
    assert.deepEqual(numberOf('round(sft.cost)'), [43, 'USD'])
    assert.deepEqual(numberOf('round(sft.cost, 1)'), [42.5, 'USD'])
    assert.deepEqual(numberOf('round(pairs.total, -2)'), [1600, 'pairs'])
    assert.deepEqual(numberOf('round(-2.5)'), [-3, 'count'])
    assert.deepEqual(numberOf('round(-0.2)'), [0, 'count'])
    assert.ok(Object.is(numberOf('round(-0.2)')[0], 0))
  })

  it('checks the digits of round', () => {
    assertEvalError('round(sft.cost, 1.5)', {
      ruleId: 'invalid-argument',
      start: 16,
      end: 19,
      reason: messages.invalidDigits(1.5),
    })
    assertEvalError('round(sft.cost, 16)', { ruleId: 'invalid-argument' })
    assertEvalError('round(sft.cost, pairs.total / 820)', { ruleId: 'invalid-argument' })
  })

  it('evaluates scenario() under the named scenario', () => {
    assert.deepEqual(numberOf('scenario("optimistic", sft.cost)'), [21.27, 'USD'])
    assert.deepEqual(numberOf(`sft.cost / scenario('optimistic', sft.cost)`), [2, '×'])
    const evaluation = evaluateExpression('scenario("optimistic", sft.cost) < sft.cost', context)
    assert.deepEqual(evaluation.scenarios, ['optimistic'])
    assert.deepEqual(evaluation.figures, ['sft.cost'])
  })

  it('reports an unknown scenario with the known ones and a suggestion', () => {
    assertEvalError('scenario("optimstic", sft.cost)', {
      ruleId: 'unknown-scenario',
      start: 9,
      end: 20,
      reason: messages.unknownScenario('optimstic', ['base', 'optimistic']),
      hint: hints.didYouMean('optimistic'),
    })
    assertEvalError('scenario("zzz", sft.cost)', { ruleId: 'unknown-scenario', hint: undefined })
  })
})

describe('evaluate: errors', () => {
  it('positions an unknown figure on its id, with a suggestion', () => {
    assertEvalError('sft.cost + foo.bar', {
      ruleId: 'unknown-figure',
      start: 11,
      end: 18,
      reason: messages.unknownFigure('foo.bar'),
      hint: undefined,
    })
    assertEvalError('sft.cots * 2', {
      ruleId: 'unknown-figure',
      start: 0,
      end: 8,
      hint: hints.didYouMean('sft.cost'),
    })
    assertEvalError('1 + rlhf.gpu_hours', {
      ruleId: 'unknown-figure',
      hint: hints.didYouMean('sft.gpu_hours'),
    })
  })

  it('reports division by zero at the divisor', () => {
    assertEvalError('sft.cost / (zero.cost * 2)', {
      ruleId: 'division-by-zero',
      start: 12,
      end: 25,
      reason: messages.divisionByZero(),
    })
    assertEvalError('1 / 0', { ruleId: 'division-by-zero', start: 4, end: 5 })
    assertEvalError('0 / 0', { ruleId: 'division-by-zero' })
  })

  it('reports overflow at the node that overflowed', () => {
    assertEvalError('sft.cost + huge.cost * 10', {
      ruleId: 'non-finite',
      start: 11,
      end: 25,
      reason: messages.nonFinite(Number.POSITIVE_INFINITY),
    })
    assertEvalError('1e999 + 1', { ruleId: 'non-finite', start: 0, end: 5 })
  })

  it('reports a non-finite figure and an unknown unit', () => {
    assertEvalError('broken.cost + 1', {
      ruleId: 'non-finite',
      start: 0,
      end: 11,
      reason: messages.nonFiniteFigure('broken.cost', Number.NaN),
    })
    assertEvalError('odd.unit', {
      ruleId: 'unknown-unit',
      reason: messages.unknownUnit('odd.unit', 'furlongs'),
    })
  })

  it('phrases every reason as "Unexpected …, expected …"', () => {
    for (const source of ['a +', 'foo.bar', 'sft.cost + pairs.total', '1/0', 'not 1', 'mean(1)']) {
      try {
        run(source)
        assert.fail(`${source} should fail`)
      } catch (error) {
        assert.ok(error instanceof ExprError)
        assert.match(error.reason, /^Unexpected .+, expected .+/)
        assert.ok(error.message.startsWith(error.reason))
      }
    }
  })
})

describe('evaluate: provenance and API', () => {
  it('lists figures read, once each, in order of first use', () => {
    const evaluation = evaluateExpression('min(sft.cost, synthetic.total) / sft.cost + 1', context)
    assert.deepEqual(evaluation.figures, ['sft.cost', 'synthetic.total'])
    assert.deepEqual(evaluation.scenarios, [])
  })

  it('reads both sides of and/or so that provenance does not depend on values', () => {
    const evaluation = evaluateExpression('sft.cost > 1 or pairs.total > 1', context)
    assert.deepEqual(evaluation.figures, ['sft.cost', 'pairs.total'])
  })

  it('quotes code in messages with backticks', () => {
    assert.equal(code('a.b'), '`a.b`')
  })
})

describe('parsed input', () => {
  it('evaluates a parsed node as it evaluates its source', () => {
    const node = parseExpression('sft.cost * 2')
    assert.deepEqual(evaluateExpression(node, context), evaluateExpression('sft.cost * 2', context))
  })
})
