/**
 * The evaluator's fast paths agree with the plain one: a batch of input vectors gives the same
 * values as evaluating each with `evaluate`, vectors built from overrides match the overrides,
 * every article figure has one parameter per dependency, and a non-finite value anywhere (one
 * evaluation, a batch, a Monte Carlo draw) is an error naming the figure.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import {
  articleCostModel,
  articleModel,
  compileModel,
  type DerivedDef,
  evaluate,
  evaluateBatch,
  type InputDef,
  inputIndex,
  inputVectors,
  ModelError,
  quantileAt,
  sampleModel,
  tornado,
} from '../../src/model/index.ts'
import { rankedDraws } from '../../src/model/sampling.ts'

test('every article figure takes one value per dependency (no variadic compute left)', () => {
  for (const def of articleModel.derived)
    assert.equal(def.compute.length, def.deps.length, `${def.id}: ${def.formula}`)
})

test('a batch of input vectors evaluates like evaluate() on each', () => {
  const width = articleModel.ids.length
  const n = articleModel.inputs.length
  const settings = [
    new Map<string, number>(),
    new Map([['price.gpuHour', 1.25]]),
    new Map([
      ['price.gpuHour', 4],
      ['sequence.length', 1024],
    ]),
  ]
  const vectors = new Float64Array(settings.length * n)
  settings.forEach((values, i) => {
    vectors.set(inputVectors(articleModel, values), i * n)
  })
  const rows = evaluateBatch(articleModel, vectors, settings.length)
  assert.equal(rows.length, settings.length * width)
  settings.forEach((values, i) => {
    assert.deepEqual(
      rows.subarray(i * width, (i + 1) * width),
      evaluate(articleModel, values).values,
    )
  })
})

test('inputVectors repeats one vector and inputIndex finds an input in it', () => {
  const vectors = inputVectors(articleModel, new Map([['price.gpuHour', 3]]), 4)
  const n = articleModel.inputs.length
  const k = inputIndex(articleModel, 'price.gpuHour')
  assert.equal(vectors.length, 4 * n)
  for (let i = 0; i < 4; i++) assert.equal(vectors[i * n + k], 3)
  assert.throws(() => inputIndex(articleModel, 'sft.cost'), ModelError)
  assert.throws(() => inputVectors(articleModel, new Map([['nope', 1]])), ModelError)
})

const input = (id: string, value: number, low: number, high: number): InputDef => ({
  id,
  value,
  unit: 'count',
  label: id,
  source: 'author',
  note: 'test',
  uncertainty: { family: 'uniform', low, high, source: 'author', note: 'test' },
})
const ratio: DerivedDef = {
  id: 'ratio',
  unit: 'count',
  label: 'ratio',
  deps: ['a', 'b'],
  formula: '{a} / {b}',
  compute: (a, b) => a / b,
}

test('a non-finite value is an error naming the figure, in a batch and in a draw', () => {
  const model = compileModel([input('a', 1, 0.5, 2), input('b', 1, -1, 1)], [ratio])
  const named = (error: unknown) =>
    error instanceof ModelError && error.figure === 'ratio' && error.ruleId === 'non-finite-figure'
  assert.throws(() => evaluateBatch(model, Float64Array.of(1, 1, 1, 0), 2), named)
  assert.throws(() => evaluate(model, new Map([['b', 0]])), named)
  // b fixed at 0 by the scenario, a drawn: every draw divides by zero, the first is named.
  const zero = compileModel([input('a', 1, 0.5, 2), input('b', 0, 0, 0.5)], [ratio])
  assert.throws(
    () => sampleModel(zero, new Map([['b', 0]]), [], { samples: 10, seed: 1 }),
    (error: unknown) => named(error) && /Monte Carlo draw 0/.test((error as Error).message),
  )
})

test('a draw that fails is named as a draw-by-draw evaluation would name it', () => {
  // The point values are finite; ln(a) fails in every draw with a < 0 (about half of them).
  const log: DerivedDef = {
    id: 'log',
    unit: 'count',
    label: 'log',
    deps: ['a'],
    formula: 'ln({a})',
    compute: (a) => Math.log(a),
  }
  const twice: DerivedDef = { ...log, id: 'twice', deps: ['log'], compute: (l) => 2 * l }
  const model = compileModel([input('a', 1, -1, 2), input('b', 1, 0.5, 2)], [log, twice])
  const options = { samples: 200, seed: 4 }
  // The same seed draws the same column for `a` in any model: its first negative draw.
  const alone = sampleModel(compileModel([input('a', 1, -1, 2)], []), new Map(), [], options)
  const first = (alone.column('a') as Float64Array).findIndex((a) => a < 0)
  assert.ok(first > 0)
  const failsAt = (error: unknown) =>
    error instanceof ModelError &&
    error.figure === 'log' &&
    error.message.includes(`Monte Carlo draw ${first},`)
  assert.throws(() => sampleModel(model, new Map(), [], options), failsAt)
  // With b fixed, the scenario computes `log` itself (no reference to share): the same error.
  assert.throws(() => sampleModel(model, new Map([['b', 1]]), [], options), failsAt)
  // With a fixed, nothing fails, though the reference sample (a drawn) does.
  const fixed = sampleModel(model, new Map([['a', Math.E]]), [], options)
  assert.equal(fixed.quantiles('twice').p50, 2)
  assert.equal(fixed.varies('twice'), false)
})

/** Two samples of the article's model with the same draws: one to sort, one to select in. */
const twoArticleSamples = (samples: number, seed: number) => {
  const draw = () =>
    sampleModel(articleModel, new Map(), articleCostModel.correlations ?? [], { samples, seed })
  return [draw(), draw()] as const
}

test('ranked draws give the sorted draws at every rank asked, for every article figure', () => {
  const [selected, sorted] = twoArticleSamples(1001, 9)
  const ps = [0, 0.005, 0.01, 0.05, 0.5, 0.95, 0.99, 0.995, 1]
  for (const id of articleModel.ids) {
    const column = sorted.sorted(id)
    const ranked = selected.ranked(id)
    // Asked in no order: each selection works on what the last one left.
    for (const p of [...ps].reverse().concat(ps))
      assert.equal(ranked.at(p), quantileAt(column, p), `${id} at ${p}`)
    for (const k of [0, 5, 500, 999, 1000]) assert.equal(ranked.rank(k), column[k], `${id} #${k}`)
    // The draws in draw order, untouched by the selections.
    assert.equal(ranked.draws, selected.column(id) ?? ranked.draws)
    assert.deepEqual(
      [...ranked.draws].sort((a, b) => a - b),
      [...column],
    )
    // A sample that has sorted a column reads its ranks from it.
    assert.equal(sorted.ranked(id).at(0.3), quantileAt(column, 0.3))
  }
})

test('ranks asked in any order are the sorted ranks, ties and repeats included', () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 60 }),
      fc.array(fc.nat(), { maxLength: 30 }),
      (values, asks) => {
        const draws = Float64Array.from(values, (v) => v / 2)
        const sorted = draws.slice().sort()
        const ranked = rankedDraws(draws)
        for (const ask of asks) {
          const k = ask % draws.length
          assert.equal(ranked.rank(k), sorted[k])
        }
        assert.equal(ranked.at(0.37), quantileAt(sorted, 0.37))
        assert.deepEqual(
          draws,
          Float64Array.from(values, (v) => v / 2),
          'draws untouched',
        )
      },
    ),
  )
})

test('tornado takes a figure id as well as a function of the inputs', () => {
  const model = compileModel([input('a', 1, 0.5, 2), input('b', 1, 0.5, 4)], [ratio])
  assert.deepEqual(
    tornado(model, new Map(), 'ratio'),
    tornado(model, new Map(), (values) => evaluate(model, values).value('ratio')),
  )
})

test('quantiles by selection equal quantiles of the sorted draws, for every article figure', () => {
  const [selected, sorted] = twoArticleSamples(2001, 5)
  for (const id of articleModel.ids) {
    const column = sorted.sorted(id)
    const q = selected.quantiles(id)
    assert.deepEqual(
      [q.p5, q.p50, q.p95],
      [quantileAt(column, 0.05), quantileAt(column, 0.5), quantileAt(column, 0.95)],
      id,
    )
    assert.equal(q.mean, sorted.quantiles(id).mean, id)
  }
})
