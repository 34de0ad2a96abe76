/**
 * Model speed: whole-model evaluations per second on one core, through `evaluate` (one input
 * map at a time) and `evaluateBatch` (many input vectors at once), and the Monte Carlo the build
 * runs (10,000 draws). Medians of several one-second runs; `--quick` runs fewer.
 */
import {
  articleCostModel,
  articleModel,
  DEFAULT_SAMPLES,
  evaluate,
  evaluateBatch,
  inputIndex,
  inputVectors,
  sampleModel,
} from '../src/model/index.ts'

const quick = process.argv.includes('--quick')
const runs = quick ? 3 : 7

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] as number
}

/** Evaluations per second of `step`, over about `ms` milliseconds. */
function rate(step: (n: number) => number, ms = quick ? 300 : 1000): number {
  let done = 0
  const start = performance.now()
  while (performance.now() - start < ms) done += step(done)
  return done / ((performance.now() - start) / 1000)
}

const price = inputIndex(articleModel, 'price.gpuHour')
const one = (n: number): number => {
  evaluate(articleModel, new Map([['price.gpuHour', 1 + (n % 7)]]))
  return 1
}
const width = articleModel.inputs.length
const batchSize = 1000
const vectors = inputVectors(articleModel, new Map(), batchSize)
for (let i = 0; i < batchSize; i++) vectors[i * width + price] = 1 + (i % 7)
const batch = (): number => {
  evaluateBatch(articleModel, vectors, batchSize)
  return batchSize
}

const single = median(Array.from({ length: runs }, () => rate(one)))
const batched = median(Array.from({ length: runs }, () => rate(batch)))
const sampling = median(
  Array.from({ length: runs }, (_, seed) => {
    const start = performance.now()
    const sample = sampleModel(articleModel, new Map(), articleCostModel.correlations ?? [], {
      samples: DEFAULT_SAMPLES,
      seed,
    })
    // What the build reads: quantiles and the mean of every figure.
    for (const id of articleModel.ids) sample.quantiles(id)
    return performance.now() - start
  }),
)
const row = (name: string, value: string) => console.log(`${name.padEnd(52)} ${value}`)
row(
  'whole-model evaluations per second, evaluate()',
  `${Math.round(single).toLocaleString('en-US')}`,
)
row(
  'whole-model evaluations per second, evaluateBatch()',
  `${Math.round(batched).toLocaleString('en-US')}  (goal ≥ 200,000)`,
)
row(
  `Monte Carlo, ${DEFAULT_SAMPLES.toLocaleString('en-US')} draws of ${articleModel.ids.length} figures + quantiles`,
  `${sampling.toFixed(0)} ms  (goal ≤ 200 ms)`,
)
