/**
 * Chart specs compiled to Vega for the page's redraws (whatif-charts.json) go through the chart
 * cache like drawings, and a spec the chart worker compiled ahead is taken from there.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import {
  compileChartCached,
  compiledChartAhead,
  memoryChartCacheStore,
} from '../../src/charts/cache.ts'
import { compileChart } from '../../src/charts/render.ts'

const spec = {
  data: { name: 'points' },
  mark: 'bar',
  encoding: {
    x: { field: 'x', type: 'quantitative' },
    y: { field: 'y', type: 'nominal' },
  },
}

test('a compiled spec is stored, then read back rather than compiled again', async () => {
  const store = memoryChartCacheStore()
  const writes: string[] = []
  const counting = {
    read: store.read,
    write: (key: string, value: string) => {
      writes.push(key)
      return store.write(key, value)
    },
  }
  const first = await compileChartCached({ ...spec }, counting)
  assert.equal(JSON.stringify(first), JSON.stringify(await compileChart({ ...spec })))
  assert.equal(writes.length, 1)
  assert.deepEqual(await compileChartCached({ ...spec }, counting), first)
  assert.equal(writes.length, 1)
})

test('a spec the worker compiled ahead is taken as it was sent', async () => {
  const other = { ...spec, mark: 'point' }
  const sent = JSON.stringify({ ...(await compileChart({ ...other })), description: 'ahead' })
  compiledChartAhead(other, sent)
  const compiled = await compileChartCached({ ...other }, memoryChartCacheStore())
  assert.equal((compiled as { description?: string }).description, 'ahead')
})
