/** Model errors name the figure and never let a NaN through. */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { compileModel, evaluate, evaluateScenario, ModelError } from '../../src/model/index.ts'
import type { DerivedDef, InputDef } from '../../src/model/types.ts'

const x: InputDef = { id: 'x', value: 1, unit: 'count', label: 'x', source: 'author', note: 'n' }
const zero: InputDef = { ...x, id: 'zero', value: 0 }
const derived = (id: string, deps: string[], compute: DerivedDef['compute']): DerivedDef => ({
  id,
  unit: 'count',
  label: id,
  deps,
  formula: deps.map((d) => `{${d}}`).join(' ÷ '),
  compute,
})

const rejects = (fn: () => unknown, ruleId: string, pattern: RegExp) =>
  assert.throws(
    fn,
    (e: unknown) => e instanceof ModelError && e.ruleId === ruleId && pattern.test(e.message),
  )

test('a dependency cycle is an error naming the cycle', () => {
  const a = derived('a', ['b'], (v) => v)
  const b = derived('b', ['a'], (v) => v)
  rejects(() => compileModel([x], [a, b]), 'model-cycle', /a → b → a/)
})

test('an unknown dependency and a duplicate id are errors', () => {
  rejects(
    () => compileModel([x], [derived('a', ['nope'], () => 1)]),
    'model-unknown-dependency',
    /nope/,
  )
  rejects(() => compileModel([x, x], []), 'model-duplicate-id', /x/)
})

test('a compute that does not take one value per formula marker is an error', () => {
  rejects(
    () => compileModel([x, zero], [derived('q', ['x', 'zero'], (x) => x)]),
    'model-formula-arity',
    /`q` taking 1 values, expected 2/,
  )
})

test('a non-finite result names the figure and its inputs', () => {
  const model = compileModel([x, zero], [derived('q', ['x', 'zero'], (x, zero) => x / zero)])
  rejects(() => evaluate(model), 'non-finite-figure', /`q`.*zero = 0/s)
})

test('overrides: unknown id with a suggestion, derived id, non-numeric, out of range', () => {
  rejects(
    () => evaluateScenario({ settings: ['price.gpuHours=2'] }),
    'unknown-figure',
    /did you mean `price\.gpuHour`/,
  )
  rejects(() => evaluateScenario({ settings: ['sft.cost=2'] }), 'override-derived', /sft\.gpuHours/)
  rejects(
    () => evaluateScenario({ settings: ['price.gpuHour=cheap'] }),
    'override-invalid',
    /finite number/,
  )
  rejects(() => evaluateScenario({ settings: ['price.gpuHour'] }), 'override-invalid', /ID=VALUE/)
  rejects(
    () => evaluateScenario({ settings: ['price.gpuHour=-1'] }),
    'override-invalid',
    /positive/,
  )
  rejects(
    () => evaluateScenario({ settings: ['dpo.iterationsTrained=3'] }),
    'override-invalid',
    /one of 1, 2/,
  )
  rejects(() => evaluateScenario({ scenario: 'spott' }), 'unknown-scenario', /did you mean `spot`/)
})

test('settings apply on top of a scenario', () => {
  const e = evaluateScenario({
    scenario: 'dpo-all-pairs',
    settings: ['price.gpuHour=1.25'],
  }).evaluation
  const base = evaluateScenario({ scenario: 'dpo-all-pairs' }).evaluation
  assert.ok(Math.abs(e.value('synthetic.total') * 2 - base.value('synthetic.total')) < 1e-9)
})
