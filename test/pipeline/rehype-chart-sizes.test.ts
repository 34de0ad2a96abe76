/**
 * rehype-chart-sizes runs the build's drawing-free work (`whileChartsDraw`) before it waits for
 * the drawings, so that work fills the wait instead of following it.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { VFile } from 'vfile'
import rehypeChartSizes from '../../src/pipeline/rehype-chart-sizes.ts'

test('the work that needs no drawing starts before the wait for the drawings ends', async () => {
  const order: string[] = []
  const file = new VFile()
  let drawn: () => void = () => undefined
  file.data.chartsDrawn = () =>
    new Promise<void>((resolve) => {
      order.push('waiting')
      drawn = resolve
    })
  file.data.whileChartsDraw = () => order.push('while')
  const stage = rehypeChartSizes()(undefined, file)
  assert.deepEqual(order, ['while', 'waiting'])
  drawn()
  await stage
})

test('a page without that work, or without charts, passes', async () => {
  await rehypeChartSizes()(undefined, new VFile())
})
