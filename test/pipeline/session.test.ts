/**
 * A model session carried to another thread (pipeline/session.ts): a second session of the same
 * model and options adopts the first one's draws, chances, quantiles and datasets as they were
 * computed, and one with other options adopts nothing. Expressions are evaluated once a session;
 * an error found once is still reported at each place it is written.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { ExprError } from '../../src/expr/index.ts'
import { articleCostModel } from '../../src/model/index.ts'
import { createModelSession } from '../../src/pipeline/session.ts'
import { buildOne, frontmatter } from '../helpers.ts'

const options = { samples: 200, seed: 7 }
const claim = 'ratio.conservative > 10'
const expression = 'ratio.realistic'

/** A session that has drawn every scenario and computed a chance, quantiles and every dataset. */
function worked(model = articleCostModel, settings: string[] = []) {
  const session = createModelSession(model, { ...options, settings })
  for (const { name } of session.scenarios) {
    session.uncertainty(name).quantiles('ratio.conservative')
    session.claimChance(claim, name)
    session.expressionQuantiles(expression, name)
  }
  for (const name of session.datasetNames) session.dataset(name)
  return session
}

test('a session of the same model and options adopts what another computed, as it was', () => {
  const first = worked()
  // As a worker thread receives it: cloned, and with a model object of its own (its own draws).
  const carried = structuredClone(first.carry())
  const second = createModelSession({ ...articleCostModel }, options)
  second.adopt(carried)
  const columns = new Set(carried.samples.flatMap(([, data]) => data.columns))
  for (const { name } of second.scenarios) {
    const sample = second.uncertainty(name)
    const drawn = first.uncertainty(name)
    for (const id of sample.model.ids) {
      const column = sample.column(id)
      if (column) assert.ok(columns.has(column), `${name}: ${id} drawn again`)
      assert.deepEqual(column, drawn.column(id), `${name}: ${id}`)
    }
    assert.deepEqual(sample.quantiles('ratio.conservative'), drawn.quantiles('ratio.conservative'))
    assert.deepEqual(second.claimChance(claim, name), first.claimChance(claim, name))
    assert.deepEqual(
      second.expressionQuantiles(expression, name),
      first.expressionQuantiles(expression, name),
    )
  }
  const chance = carried.chances.find(([key]) => key.includes(claim))?.[1]
  assert.equal(second.claimChance(claim, first.defaultScenario), chance)
  for (const [name, dataset] of carried.datasets) assert.equal(second.dataset(name), dataset)
  assert.deepEqual(
    second.datasetNames.map((name) => second.dataset(name)),
    first.datasetNames.map((name) => first.dataset(name)),
  )
})

test('a session with other settings adopts nothing', () => {
  const carried = structuredClone(worked().carry())
  const other = createModelSession(
    { ...articleCostModel },
    {
      ...options,
      settings: ['price.gpuHour=1.25'],
    },
  )
  other.adopt(carried)
  const chance = carried.chances.find(([key]) => key.includes(claim))?.[1]
  assert.notEqual(other.claimChance(claim, other.defaultScenario), chance)
  for (const [name, dataset] of carried.datasets) assert.notEqual(other.dataset(name), dataset)
  const columns = new Set(carried.samples.flatMap(([, data]) => data.columns))
  const sample = other.uncertainty(other.defaultScenario)
  assert.ok(sample.model.ids.every((id) => !columns.has(sample.column(id))))
})

test('an expression is evaluated once per scenario, and its error is thrown again each time', () => {
  const session = createModelSession({ ...articleCostModel }, options)
  const once = session.evaluate('ratio.conservative * 2', 'published')
  assert.equal(session.evaluate('ratio.conservative * 2', 'published'), once)
  assert.notEqual(session.evaluate('ratio.conservative * 2', 'h100'), once)
  const thrown = () => {
    try {
      session.evaluate('ratio.conservative + sft.cots', 'published')
    } catch (error) {
      return error as ExprError
    }
    assert.fail('expected an error')
  }
  const first = thrown()
  assert.ok(first instanceof ExprError)
  assert.equal(thrown(), first)
})

test('the same bad expression twice on a page: each reported at its own place', async () => {
  const { diagnostics } = await buildOne(
    `${frontmatter}First :val[sft.cots] here.\n\nAnd again, later: :val[sft.cots].\n`,
  )
  assert.deepEqual(
    diagnostics.filter((d) => d.severity === 'error').map((d) => d.place),
    ['content/input.md:6:12', 'content/input.md:8:24'],
  )
})
