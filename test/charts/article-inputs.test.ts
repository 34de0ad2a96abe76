/**
 * The article's heatmap builds at any accepted input. Its 10× line was once clipped to the grid's
 * GPU prices, so when human labels were dear the line lay wholly outside and its dataset was
 * empty; Vega then warned of an infinite extent, which failed the build. The reader's panel
 * offers exactly these inputs, and the chart is redrawn at them in the page.
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

test('a layer whose dataset is empty at some inputs draws nothing, without an error', async () => {
  // As the heatmap's 10× line once was when it lay wholly outside the grid: Vega warns of the
  // empty layer's infinite extent, and the other layer gives the shared scale its domain.
  const spec = {
    layer: [
      {
        data: { name: 'cells' },
        mark: 'rect',
        encoding: {
          x: { field: 'x', type: 'quantitative' },
          y: { field: 'y', type: 'quantitative' },
        },
      },
      {
        data: { name: 'line' },
        mark: 'line',
        encoding: {
          x: { field: 'x', type: 'quantitative' },
          y: { field: 'y', type: 'quantitative' },
        },
      },
    ],
  }
  const { svg } = await renderChart({
    spec,
    datasets: {
      cells: [
        { x: 1, y: 2 },
        { x: 3, y: 4 },
      ],
      line: [],
    },
    idPrefix: 'layers',
    title: 'Layers',
    description: 'One layer empty.',
  })
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
