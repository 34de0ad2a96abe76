/**
 * Charts redrawn in the page read the same rows `build --set` draws: the engine's chartRows
 * (src/browser/engine.ts, what the panel runs) against the build's session datasets, at seeded
 * random reader inputs. Datasets drawn from Monte Carlo draws are not offered for redrawing.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { createEngine } from '../../src/browser/engine.ts'
import { articleCostModel, articleModel } from '../../src/model/index.ts'
import { createModelSession } from '../../src/pipeline/session.ts'
import { panelInputs } from '../../src/whatif/inputs.ts'
import type { PageTable } from '../../src/whatif/types.ts'
import { random, randomVector } from './vectors.ts'

const table = {
  version: 1,
  defaultScenario: articleCostModel.defaultScenario,
  scenarios: [articleCostModel.defaultScenario],
  scenarioChoices: [],
  numbers: [],
  claims: [],
  inputs: panelInputs(articleCostModel),
} as unknown as PageTable
const engine = createEngine(articleCostModel, articleModel, table)
const names = Object.keys(articleCostModel.datasets)
const fromDraws = ['ratioTornado', 'costDistribution', 'ratioDistribution']

test('datasets drawn from Monte Carlo draws are not redrawn; the others are', () => {
  for (const name of names)
    assert.equal(engine.chartRows(new Map(), [name]) === undefined, fromDraws.includes(name), name)
})

test('chart rows at 12 random reader vectors equal the build’s under --set', () => {
  const next = random(11)
  for (let i = 0; i < 12; i++) {
    const values = randomVector(next, table)
    const settings = [...values].map(([id, v]) => `${id}=${v}`)
    const session = createModelSession(articleCostModel, { settings })
    for (const name of names.filter((n) => !fromDraws.includes(n))) {
      const rows = engine.chartRows(values, [name])?.[name]
      assert.deepEqual(rows, session.dataset(name)?.rows, `${name} at ${settings.join(' ')}`)
    }
  }
})
