/**
 * The heatmap's datasets: the 10× line is computed for every human price of the grid and lies
 * inside the grid's GPU price range, so it crosses the whole plot (it used to stop in a corner),
 * and the grid has the published and the spot price as columns.
 */
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { articleCostModel } from '../../src/model/index.ts'
import { createModelSession } from '../../src/pipeline/session.ts'

const numbers = (rows: readonly Readonly<Record<string, string | number>>[], field: string) =>
  rows.map((row) => Number(row[field]))

for (const settings of [[], ['price.gpuHour=1.25'], ['price.gpuHour=0.5'], ['price.spot=2.5']]) {
  describe(`the heatmap with ${settings.join(' ') || 'the published inputs'}`, () => {
    const session = createModelSession(articleCostModel, { settings, samples: 50 })
    const grid = session.dataset('ratioGrid')?.rows ?? []
    const line = session.dataset('tenfoldLine')?.rows ?? []
    const published = session.evaluation('published').evaluation

    test('the 10× line spans every human price of the grid', () => {
      const humanLow = Math.min(...numbers(grid, 'humanPrice'))
      const humanHigh = Math.max(...numbers(grid, 'humanPrice2'))
      const human = numbers(line, 'human')
      assert.ok(line.length > 10, `${line.length} points`)
      assert.ok(Math.abs(Math.min(...human) - humanLow) < 1e-9, `${Math.min(...human)}`)
      assert.ok(Math.abs(Math.max(...human) - humanHigh) < 1e-9, `${Math.max(...human)}`)
    })

    test('the 10× line stays inside the GPU price range, so it crosses the plot', () => {
      const gpuLow = Math.min(...numbers(grid, 'gpuPrice'))
      const gpuHigh = Math.max(...numbers(grid, 'gpuPrice2'))
      for (const gpu of numbers(line, 'gpu'))
        assert.ok(gpu >= gpuLow && gpu <= gpuHigh, `${gpu} outside ${gpuLow}–${gpuHigh}`)
    })

    test('cells left of the line are above 10×, cells right of it below', () => {
      // The line's GPU price at a cell's human price, between the two nearest points.
      const human = numbers(line, 'human')
      const gpu = numbers(line, 'gpu')
      let checked = 0
      for (const row of grid) {
        const i = human.findIndex((h) => h >= Number(row.human))
        const [h0, h1, g0, g1] = [human[i - 1], human[i], gpu[i - 1], gpu[i]]
        if (h0 === undefined || h1 === undefined || g0 === undefined || g1 === undefined) continue
        const onLine = g0 + ((g1 - g0) * (Number(row.human) - h0)) / (h1 - h0)
        // Cells within half a percent of the line are too close to call either way.
        if (Math.abs(Number(row.gpu) / onLine - 1) < 0.005) continue
        assert.equal(Number(row.ratio) > 10, Number(row.gpu) < onLine, JSON.stringify(row))
        checked++
      }
      assert.ok(checked > grid.length / 2, `${checked} of ${grid.length} cells checked`)
    })

    test('the published and the spot GPU prices are columns of the grid', () => {
      const columns = new Set(numbers(grid, 'gpu').map((g) => g.toFixed(6)))
      for (const id of ['price.gpuHour', 'price.spot'])
        assert.ok(columns.has(published.value(id).toFixed(6)), id)
    })
  })
}
