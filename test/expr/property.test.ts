import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { ExprError, evaluateExpression, parseExpression } from '../../src/expr/index.ts'
import { type FigureTable, fakeContext } from './fake-context.ts'

const context = fakeContext()

/** Runs an expression; returns the ExprError it threw, or undefined. Rethrows anything else. */
function attempt(source: string, ctx = context): ExprError | undefined {
  try {
    const { result } = evaluateExpression(source, ctx)
    if (result.kind === 'number') assert.ok(Number.isFinite(result.value), source)
    return undefined
  } catch (error) {
    if (error instanceof ExprError) {
      assert.ok(error.start >= 0 && error.start <= error.end, `${source}: span ${error.start}`)
      assert.ok(error.end <= Math.max(source.length, 0), `${source}: end ${error.end}`)
      return error
    }
    throw error
  }
}

/** Fragments that look like the language, so random joins reach deep into the parser. */
const fragments = [
  'sft.cost',
  'pairs.total',
  'ratio.realistic',
  'zero.cost',
  'huge.cost',
  'broken.cost',
  'odd.unit',
  'foo.bar',
  '1',
  '0',
  '2.5e3',
  '1e308',
  '.5',
  '(',
  ')',
  '+',
  '-',
  '*',
  '/',
  '<',
  '<=',
  '==',
  '!=',
  'and',
  'or',
  'not',
  'min(',
  'max(',
  'round(',
  'abs(',
  'scenario(',
  '"optimistic"',
  "'base'",
  ',',
  '.',
  '[',
  ']',
  '?',
  ':',
  '"',
  '!',
  '&&',
  'this',
  'constructor',
  '__proto__',
]

describe('properties', () => {
  it('random strings only ever throw ExprError', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (source) => {
        attempt(source)
      }),
      { numRuns: 2000 },
    )
  })

  it('random unicode strings only ever throw ExprError', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (source) => {
        attempt(source)
      }),
      { numRuns: 1000 },
    )
  })

  it('random token soup only ever throws ExprError', () => {
    const soup = fc
      .array(fc.constantFrom(...fragments), { maxLength: 25 })
      .chain((parts) => fc.constantFrom(' ', '').map((glue) => parts.join(glue)))
    fc.assert(
      fc.property(soup, (source) => {
        attempt(source)
      }),
      { numRuns: 3000 },
    )
  })

  it('very long or deeply nested input fails cleanly', () => {
    for (const source of [
      '('.repeat(5000),
      '-'.repeat(5000),
      `${'1+'.repeat(499)}1`,
      `${'min('.repeat(40)}1${', 1)'.repeat(40)}`,
      'a'.repeat(100_000),
    ]) {
      attempt(source)
    }
    assert.equal(attempt(`${'1+'.repeat(499)}1`), undefined)
  })

  it('well-formed arithmetic over known ids is finite or an ExprError', () => {
    const ids = ['f.a', 'f.b', 'f.c', 'g.a', 'g.b']
    const unitOf = (id: string): string => (id.startsWith('f.') ? 'USD' : 'GPU·h')
    const value = fc.oneof(
      fc.constantFrom(0, -0, 1, -1, 1e308, -1e308, 5e-324, 1e-308),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
    )
    const literal = fc
      .oneof(fc.constantFrom(0, 1, 2, 1e308, 1e-300), fc.double({ min: 0, max: 1e6, noNaN: true }))
      .map((n) => String(n))
    const { expr } = fc.letrec<{ expr: string }>((tie) => ({
      expr: fc.oneof(
        { depthSize: 'small', maxDepth: 6 },
        fc.constantFrom(...ids),
        literal,
        fc
          .tuple(tie('expr'), fc.constantFrom('+', '-', '*', '/'), tie('expr'))
          .map(([a, op, b]) => `(${a} ${op} ${b})`),
        tie('expr').map((a) => `-${a}`),
        fc
          .tuple(fc.constantFrom('min', 'max'), tie('expr'), tie('expr'))
          .map(([f, a, b]) => `${f}(${a}, ${b})`),
        fc
          .tuple(fc.constantFrom('abs', 'round', 'floor', 'ceil'), tie('expr'))
          .map(([f, a]) => `${f}(${a})`),
      ),
    }))
    const figures = fc
      .tuple(...ids.map(() => value))
      .map((values): FigureTable => ids.map((id, i) => [id, values[i] ?? 0, unitOf(id)] as const))
    fc.assert(
      fc.property(expr, figures, (source, table) => {
        assert.doesNotThrow(() => parseExpression(source), source)
        const error = attempt(source, fakeContext(table, new Map()))
        if (error) {
          assert.ok(
            ['non-finite', 'division-by-zero', 'unit-mismatch'].includes(error.ruleId),
            `${source}: ${error.message}`,
          )
        }
      }),
      { numRuns: 3000 },
    )
  })
})
