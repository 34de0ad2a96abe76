/**
 * The article's heatmap builds at any accepted input. Its 10× line is clipped to the grid's GPU
 * prices, so when human labels are dear the line lies wholly outside and its dataset is empty;
 * Vega then warns of an infinite extent, which used to fail the build. The reader's panel offers
 * exactly these inputs, and the chart is redrawn at them in the page.
 */
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import { referencedDatasetNames } from '../../src/charts/cache.ts'
import { isChartError } from '../../src/charts/errors.ts'
import { renderChart } from '../../src/charts/render.ts'
import { parseSpecJson } from '../../src/charts/spec.ts'
import { articleCostModel } from '../../src/model/index.ts'
import { createModelSession } from '../../src/pipeline/session.ts'
import { panelInputs } from '../../src/whatif/inputs.ts'
import type { PageTable } from '../../src/whatif/types.ts'
import { root } from '../helpers.ts'
import { random, randomVector } from '../whatif/vectors.ts'

const heatmapPath = 'content/charts/ratio-heatmap.vl.json'
const heatmap = parseSpecJson(readFileSync(join(root, heatmapPath), 'utf8'), heatmapPath)

/** The heatmap drawn from the model's datasets under `settings` (`ID=VALUE`, as `--set`). */
async function drawHeatmap(settings: string[]) {
  const session = createModelSession(articleCostModel, { settings })
  const datasets = Object.fromEntries(
    referencedDatasetNames(heatmap).map((name) => [name, session.dataset(name)?.rows ?? []]),
  )
  const { svg } = await renderChart({
    spec: heatmap,
    datasets,
    idPrefix: 'heatmap',
    title: 'Heatmap',
    description: 'Heatmap at other inputs.',
  })
  return { svg, datasets }
}

test('the heatmap draws when its 10× line lies outside the grid', async () => {
  // Dear human labels: the ratio is above 10× on the whole grid.
  const { svg, datasets } = await drawHeatmap(['human.price.conservative=0.9'])
  assert.equal(datasets.tenfoldLine?.length, 0, 'the 10× line is empty at these inputs')
  assert.ok((datasets.ratioGrid?.length ?? 0) > 0)
  assert.match(svg, /class="mark-rect role-mark/)
})

test('an infinite extent in a chart whose datasets all have rows is still an error', async () => {
  const spec = {
    data: { name: 'points' },
    mark: 'point',
    encoding: { x: { field: 'x', type: 'quantitative' } },
  }
  await assert.rejects(
    renderChart({
      spec,
      datasets: { points: [{ x: null }, { x: null }] },
      idPrefix: 'points',
      title: 'Points',
      description: 'No valid x.',
    }),
    (error: unknown) => isChartError(error) && /Infinite extent/.test(error.message),
  )
})

test('the heatmap draws at the parity test’s random reader inputs', async () => {
  // The same seeded vectors as test/whatif/parity.test.ts, over the panel's inputs.
  const table = { inputs: panelInputs(articleCostModel) } as unknown as PageTable
  const next = random(11)
  for (let i = 0; i < 50; i++) {
    const settings = [...randomVector(next, table)].map(([id, v]) => `${id}=${v}`)
    await drawHeatmap(settings).catch((error: unknown) => {
      throw new Error(`${settings.join(' ')}: ${(error as Error).message}`)
    })
  }
})
