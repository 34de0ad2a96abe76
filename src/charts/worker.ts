/**
 * Charts drawn on the second core while the first processes pages. At the start of a build every
 * chart spec whose raw drawing (see RawSvgRenderer) is not cached yet is sent to a worker thread,
 * which loads Vega and draws them one after another; rehype-charts later takes each drawing from
 * there instead of running Vega itself. The drawing depends only on the spec and the datasets, so
 * the output is the same byte for byte; a drawing that fails in the worker is drawn again in the
 * page, which reports the error as before. Only the compiled command line (lib/article.mjs) starts
 * a worker: the worker imports that same file. Under a TypeScript loader (tests) nothing changes.
 */
import { isMainThread, parentPort, Worker } from 'node:worker_threads'
import { type ChartCacheStore, drawingAhead, rawChartKey, referencedDatasetNames } from './cache.ts'
import { renderVegaSvg } from './render.ts'
import { parseSpecJson } from './spec.ts'
import type { ChartDatasets } from './validate.ts'

interface Job {
  readonly key: string
  readonly spec: Record<string, unknown>
  readonly datasets: ChartDatasets
}

interface Answer {
  readonly key: string
  readonly svg?: string
}

const compiled = import.meta.url.endsWith('/lib/article.mjs')

/**
 * Starts drawing, in a worker, the charts in `charts` (spec text by path) whose drawings are not
 * in `store`; `rowsOf` gives a model dataset's rows (the session's). Returns once the jobs are
 * sent; the drawings are registered with drawingAhead.
 */
export async function drawChartsAhead(
  charts: ReadonlyMap<string, string>,
  rowsOf: (name: string) => ChartDatasets[string] | undefined,
  store: ChartCacheStore,
): Promise<void> {
  if (!compiled || process.env.ARTICLE_CHART_WORKER === '0') return
  const jobs: Job[] = []
  for (const [path, text] of charts) {
    let spec: Record<string, unknown>
    try {
      spec = parseSpecJson(text, `content/${path}`) as Record<string, unknown>
    } catch {
      continue // reported by the page that places it
    }
    // The same datasets rehype-charts gives the renderer.
    const datasets: Record<string, ChartDatasets[string]> = {}
    for (const name of referencedDatasetNames(spec)) {
      const rows = rowsOf(name)
      if (rows) datasets[name] = rows
    }
    const key = rawChartKey(spec, datasets)
    if ((await store.read(key))?.startsWith('<svg')) continue
    jobs.push({ key, spec, datasets })
  }
  if (jobs.length === 0) return
  const worker = new Worker(
    `import(${JSON.stringify(import.meta.url)}).then((m) => m.chartWorkerMain())`,
    { eval: true },
  )
  worker.unref()
  const pending = new Map<string, (svg: string | undefined) => void>()
  for (const job of jobs) {
    drawingAhead(
      job.key,
      new Promise((resolve) => {
        pending.set(job.key, resolve)
      }),
    )
  }
  const settle = (key: string, svg: string | undefined) => {
    pending.get(key)?.(svg)
    pending.delete(key)
    if (pending.size === 0) void worker.terminate()
  }
  worker.on('message', (answer: Answer) => settle(answer.key, answer.svg))
  worker.on('error', () => {
    for (const key of [...pending.keys()]) settle(key, undefined)
  })
  worker.on('exit', () => {
    for (const key of [...pending.keys()]) settle(key, undefined)
  })
  for (const job of jobs) worker.postMessage(job)
}

/** The worker's side: draws each job it is sent, in order, and answers with the SVG. */
export function chartWorkerMain(): void {
  if (isMainThread || !parentPort) return
  const port = parentPort
  let queue: Promise<void> = Promise.resolve()
  port.on('message', (job: Job) => {
    queue = queue.then(async () => {
      try {
        port.postMessage({ key: job.key, svg: await renderVegaSvg(job.spec, job.datasets) })
      } catch {
        port.postMessage({ key: job.key })
      }
    })
  })
}
