/**
 * The Monte Carlo over input ranges, against closed forms: products and quotients of independent
 * lognormals are lognormal, a linear figure of a uniform input has the linear image of its
 * quantiles, the tornado is one-at-a-time evaluation, and the draws are reproducible.
 */
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import {
  checkRanges,
  compileModel,
  type DerivedDef,
  dependentsOf,
  drawTable,
  evaluate,
  type InputDef,
  ModelError,
  restoreSample,
  type Sample,
  sampleData,
  sampleModel,
  tornado,
  type Uncertainty,
} from '../../src/model/index.ts'

const Z95 = 1.6448536269514722

const input = (id: string, value: number, uncertainty?: Uncertainty): InputDef => ({
  id,
  value,
  unit: 'count',
  label: id,
  source: 'author',
  note: 'test',
  constraint: { min: 0 },
  ...(uncertainty ? { uncertainty } : {}),
})

const derived = (id: string, deps: string[], compute: (...v: number[]) => number): DerivedDef =>
  ({
    id,
    unit: 'count',
    label: id,
    deps,
    formula: deps.map((d) => `{${d}}`).join(' ∘ '),
    compute,
  }) as DerivedDef

const logn = (low: number, high: number): Uncertainty => ({
  family: 'lognormal',
  low,
  high,
  source: 'author',
  note: 'test',
})

/** Every draw of a sample, row after row: what two samples must agree on to be the same. */
const allDraws = (sample: Sample): Buffer =>
  Buffer.concat(Array.from({ length: sample.count }, (_, i) => Buffer.from(sample.row(i).buffer)))

/** ln-space mean and standard deviation of a lognormal given its 90% interval. */
const params = (low: number, high: number) => ({
  mu: (Math.log(low) + Math.log(high)) / 2,
  sigma: (Math.log(high) - Math.log(low)) / (2 * Z95),
})

describe('closed forms', () => {
  const model = compileModel(
    [
      input('a', 4, logn(2, 8)),
      input('b', 2, logn(1, 4)),
      input('x', 15, { family: 'uniform', low: 10, high: 20, source: 'author', note: 't' }),
    ],
    [
      derived('product', ['a', 'b'], (a, b) => a * b),
      derived('quotient', ['a', 'b'], (a, b) => a / b),
      derived('linear', ['x'], (x) => 3 * x + 5),
    ],
  )
  const sample = sampleModel(model, new Map(), [], { samples: 100_000, seed: 1 })
  const a = params(2, 8)
  const b = params(1, 4)
  const sigma = Math.hypot(a.sigma, b.sigma)

  for (const [id, mu] of [
    ['product', a.mu + b.mu],
    ['quotient', a.mu - b.mu],
  ] as const) {
    test(`the ${id} of two independent lognormals is lognormal`, () => {
      const q = sample.quantiles(id)
      // Sampling error of a quantile at N = 100,000 is well under 1% here; allow 2%.
      const near = (got: number, want: number) =>
        assert.ok(Math.abs(got / want - 1) < 0.02, `${id}: ${got} vs ${want}`)
      near(q.p50, Math.exp(mu))
      near(q.p5, Math.exp(mu - Z95 * sigma))
      near(q.p95, Math.exp(mu + Z95 * sigma))
    })
  }

  test('a linear figure of a uniform input has the linear image of its quantiles', () => {
    const q = sample.quantiles('linear')
    for (const [got, p] of [
      [q.p5, 0.05],
      [q.p50, 0.5],
      [q.p95, 0.95],
    ] as const)
      assert.ok(Math.abs(got - (3 * (10 + 10 * p) + 5)) < 0.01, `${p}: ${got}`)
  })

  test('the same seed gives the same draws; another seed moves quantiles within their error', () => {
    const one = sampleModel(model, new Map(), [], { samples: 10_000, seed: 7 })
    const again = sampleModel(model, new Map(), [], { samples: 10_000, seed: 7 })
    assert.deepEqual(allDraws(one), allDraws(again))
    const other = sampleModel(model, new Map(), [], { samples: 10_000, seed: 8 })
    const [p, q] = [one.quantiles('product'), other.quantiles('product')]
    assert.notEqual(p.p50, q.p50)
    // Standard error of the median of a lognormal at N = 10,000: about 1.25σ/√N of the log.
    assert.ok(Math.abs(Math.log(p.p50 / q.p50)) < 4 * ((1.25 * sigma) / 100))
  })

  test('fixed inputs are not drawn', () => {
    const fixed = sampleModel(model, new Map([['a', 4]]), [], { samples: 1000, seed: 1 })
    assert.deepEqual(fixed.uncertain, ['b', 'x'])
    assert.equal(fixed.quantiles('a').p5, 4)
  })
})

describe('scenarios share drawn columns and recompute only what depends on them', () => {
  // c and d do not depend on any drawn input; `ab` depends on a and b, `bx` on b and x.
  const build = () =>
    compileModel(
      [input('a', 4, logn(2, 8)), input('b', 3, logn(1, 9)), input('x', 1, logn(0.5, 2))],
      [
        derived('ab', ['a', 'b'], (a, b) => a * b),
        derived('bx', ['b', 'x'], (b, x) => b / x),
        derived('c', [], () => 7),
        derived('d', ['c'], (c) => c + 1),
        derived('all', ['ab', 'bx', 'd'], (ab, bx, d) => ab + bx + d),
      ],
    )
  const correlations = [{ inputs: ['a', 'b'] as [string, string], rank: 0.6, note: 'test' }]
  const options = { samples: 2000, seed: 3 }
  const scenarios = [new Map(), new Map([['a', 5]]), new Map([['x', 1.5]]), new Map()]

  test('each scenario drawn after others equals it drawn alone, by a fresh model', () => {
    const shared = build()
    for (const base of scenarios) {
      const after = sampleModel(shared, base, correlations, options)
      const alone = sampleModel(build(), base, correlations, options)
      assert.deepEqual(allDraws(after), allDraws(alone))
      for (const id of shared.ids) assert.equal(after.varies(id), alone.varies(id), id)
    }
  })

  test('every draw equals the whole model evaluated at its inputs', () => {
    const model = build()
    const sample = sampleModel(model, new Map([['x', 1.5]]), correlations, options)
    for (const i of [0, 1, 999, 1999]) {
      const row = sample.row(i)
      const inputs = new Map(model.inputs.map((d, k) => [d.id, row[k] as number]))
      const whole = evaluate(model, inputs)
      for (const id of model.ids)
        assert.equal(row[model.index.get(id) as number], whole.value(id), id)
    }
  })

  test('a drawTable holds every figure of every draw; figures on no ranged input are kept once', () => {
    const model = build()
    const sample = sampleModel(model, new Map([['x', 1.5]]), correlations, options)
    const table = drawTable(model, model.ids, options.samples)
    const values = new Float64Array(table.size + 5).fill(Number.NaN)
    table.fill(sample, values)
    assert.deepEqual(
      model.ids.filter((id) => table.fixed(id)),
      ['c', 'd'],
    )
    for (const i of [0, 7, 1999]) {
      const row = sample.row(i)
      for (const id of model.ids) {
        const at = table.fixed(id) ? table.slot(id) : i + table.slot(id)
        assert.equal(values[at], row[model.index.get(id) as number], `${id} in draw ${i}`)
      }
    }
    assert.equal(table.slot('nope'), -1)
    // x is fixed here, so bx and all vary only through b; c and d never.
    assert.deepEqual(
      model.ids.filter((id) => sample.varies(id)),
      ['a', 'b', 'ab', 'bx', 'all'],
    )
  })

  test("a scenario's sample shares the columns its changes do not reach, and computes the rest", () => {
    const model = build()
    const reference = sampleModel(model, new Map(), correlations, options)
    // x fixed: bx and all change; a, b and ab are the reference's own columns.
    const fixedX = sampleModel(model, new Map([['x', 1.5]]), correlations, options)
    for (const id of ['a', 'b', 'ab']) assert.equal(fixedX.column(id), reference.column(id), id)
    for (const id of ['bx', 'all']) assert.notEqual(fixedX.column(id), reference.column(id), id)
    assert.equal(fixedX.column('x'), undefined)
    assert.equal(fixedX.point('x'), 1.5)
    // a fixed: b is no longer coupled to a, so its draws, and everything on them, differ.
    const fixedA = sampleModel(model, new Map([['a', 5]]), correlations, options)
    assert.notDeepEqual(fixedA.column('b'), reference.column('b'))
    for (const id of ['ab', 'bx', 'all']) assert.notEqual(fixedA.column(id), reference.column(id))
    assert.equal(fixedA.column('x'), reference.column('x'))
  })
  test('a sample as data, cloned as for another thread, is the same sample with what it found', () => {
    const model = build()
    const reference = sampleModel(model, new Map(), correlations, options)
    const fixedX = sampleModel(model, new Map([['x', 1.5]]), correlations, options)
    const found = fixedX.quantiles('ab')
    const sorted = fixedX.sorted('bx')
    // One message for both, as a session carries them: the columns they share stay shared.
    const [refData, fixedData] = structuredClone([sampleData(reference), sampleData(fixedX)])
    const other = build()
    const restored = restoreSample(other, fixedData)
    assert.deepEqual(allDraws(restored), allDraws(fixedX))
    assert.deepEqual(restored.uncertain, fixedX.uncertain)
    for (const id of model.ids) {
      assert.equal(restored.varies(id), fixedX.varies(id), id)
      assert.equal(restored.point(id), fixedX.point(id), id)
      assert.deepEqual(restored.quantiles(id), fixedX.quantiles(id), id)
    }
    // What the sample had found comes with it and is not found again.
    assert.deepEqual(restored.quantiles('ab'), found)
    assert.equal(restored.sorted('bx'), fixedData.sorted.find(([id]) => id === 'bx')?.[1])
    assert.deepEqual(restored.sorted('bx'), sorted)
    assert.equal(restoreSample(other, refData).column('a'), restored.column('a'))
    assert.throws(() => restoreSample(compileModel([input('a', 1)], []), fixedData), RangeError)
    assert.throws(() => sampleData({ ...fixedX }), TypeError)
  })

  test('dependentsOf lists the derived figures reading a changed input, in order', () => {
    const model = build()
    const names = (inputs: string[]) =>
      [
        ...dependentsOf(
          model,
          inputs.map((id) => model.index.get(id) as number),
        ),
      ].map((d) => model.derived[d]?.id)
    assert.deepEqual(names(['x']), ['bx', 'all'])
    assert.deepEqual(names(['a']), ['ab', 'all'])
    assert.deepEqual(names([]), [])
  })
})

test("the tornado's bars are one-at-a-time evaluations at each input's 5% and 95% values", () => {
  const model = compileModel(
    [input('a', 4, logn(2, 8)), input('b', 2, logn(1.5, 3))],
    [derived('product', ['a', 'b'], (a, b) => a * b)],
  )
  const bars = tornado(model, new Map(), (values) => evaluate(model, values).value('product'))
  assert.deepEqual(
    bars.map((bar) => bar.input),
    ['a', 'b'],
  )
  for (const bar of bars) {
    const other = bar.input === 'a' ? 2 : 4
    assert.ok(Math.abs(bar.low - bar.lowInput * other) < 1e-9)
    assert.ok(Math.abs(bar.high - bar.highInput * other) < 1e-9)
  }
  const a = bars[0]
  assert.ok(a && Math.abs(a.lowInput - 2) < 1e-6 && Math.abs(a.highInput - 8) < 1e-6)
})

describe('bad range declarations are errors naming the input', () => {
  const cases: Array<[string, Uncertainty, RegExp]> = [
    ['low above high', logn(8, 2), /low 8 is not below high 2/],
    ['a negative lognormal', logn(-1, 2), /positive low/],
    [
      'outside the constraint',
      { family: 'uniform', low: -5, high: 2, source: 'author', note: 't' },
      /-5 is outside/,
    ],
    [
      'an unknown family',
      { family: 'beta', low: 1, high: 2, source: 'author', note: 't' } as unknown as Uncertainty,
      /unknown family `beta`/,
    ],
    [
      'a weight outside 0–1',
      { family: 'discrete', values: [1, 3], weights: [1.5, -0.5], source: 'author', note: 't' },
      /probability from 0 to 1/,
    ],
    [
      'weights not adding up',
      { family: 'discrete', values: [1, 3], weights: [0.5, 0.2], source: 'author', note: 't' },
      /add up to 0.7/,
    ],
  ]
  for (const [name, uncertainty, reason] of cases)
    test(name, () => {
      assert.throws(
        () => checkRanges([input('judge.samples', 1, uncertainty)]),
        (error: unknown) =>
          error instanceof ModelError &&
          error.ruleId === 'uncertainty-invalid' &&
          error.figure === 'judge.samples' &&
          reason.test(error.reason),
      )
    })
  test('a correlation with an input that is not uncertain', () => {
    assert.throws(
      () =>
        checkRanges(
          [input('a', 1, logn(1, 2)), input('b', 1)],
          [{ inputs: ['a', 'b'], rank: 0.5, note: 't' }],
        ),
      (error: unknown) => error instanceof ModelError && error.figure === 'b',
    )
  })
})
