/**
 * Chart render timings, run by hand: `node --import tsx test/charts/bench-render.ts`.
 * Prints the import cost, the first render in this fresh process and the median of 50 renders
 * after warm-up, per fixture. Not a test: numbers depend on the machine.
 */
import { performance } from 'node:perf_hooks'

const processStart = performance.timeOrigin
const importStart = performance.now()
const { renderChart } = await import('../../src/charts/render.ts')
const { fixtureInput } = await import('./helpers.ts')
const importMs = performance.now() - importStart

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
}

const results: Record<string, unknown> = { importMs: Math.round(importMs) }
for (const [index, name] of ['cost-by-stage.vl.json', 'cost-curve-log.vl.json'].entries()) {
  const input = fixtureInput(name, `chart-${index}`)
  const start = performance.now()
  await renderChart(input)
  const firstMs = performance.now() - start
  if (index === 0) results.processStartToFirstSvgMs = Math.round(Date.now() - processStart)
  for (let i = 0; i < 5; i++) await renderChart(input)
  const times: number[] = []
  for (let i = 0; i < 50; i++) {
    const t = performance.now()
    await renderChart(input)
    times.push(performance.now() - t)
  }
  results[name] = {
    firstMs: Number(firstMs.toFixed(1)),
    medianMs: Number(median(times).toFixed(1)),
    minMs: Number(Math.min(...times).toFixed(1)),
  }
}
console.log(JSON.stringify(results, null, 2))
