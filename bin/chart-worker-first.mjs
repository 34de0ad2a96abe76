// Starts the chart worker before the command line loads, for the commands that will want it: a
// build with no chart drawn yet (a fresh clone, CI) and `npm run dev`. The worker then loads its
// bundle and Vega (~150 ms) on the second core while this thread starts node's modules, checks
// lib/ and loads the command line (~250 ms together); started by the build itself, it was ready
// to draw ~400 ms into a cold build, and its drawings were what the build waited for last. The
// build adopts it (adoptChartWorker, src/charts/worker.ts); until then it keeps nothing alive.
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'

/** The chart worker for `command`, started now, or undefined when the command will not want it. */
export function startChartWorkerFirst(command, root, projectRoot = process.cwd()) {
  const entry = join(root, 'lib', 'chart-worker.mjs')
  if (process.env.ARTICLE_CHART_WORKER === '0' || !existsSync(entry)) return undefined
  if (command !== 'dev' && !(command === 'build' && noChartDrawn(projectRoot))) return undefined
  const worker = new Worker(entry)
  worker.unref()
  // A worker that failed to start is the build's to find: it starts another or draws in the page.
  worker.on('error', () => {})
  return worker
}

/** Whether the chart cache holds no drawing (the same test as the cache's own isEmpty). */
function noChartDrawn(projectRoot) {
  const dir = join(projectRoot, '.cache', 'charts')
  return !existsSync(dir) || !readdirSync(dir).some((name) => name.endsWith('.svg'))
}
