/**
 * Charts drawn on the second core while the first processes pages. At the start of a build every
 * chart spec whose raw drawing (see RawSvgRenderer) is not cached yet is sent to a worker thread,
 * which loads Vega and draws them one after another; rehype-charts later takes each drawing from
 * there instead of running Vega itself. The drawing depends only on the spec and the datasets, so
 * the output is the same byte for byte; a drawing that fails in the worker is drawn again in the
 * page, which reports the error as before. Only the compiled command line (lib/article.mjs) starts
 * a worker, from its own bundle (lib/chart-worker.mjs). Under a TypeScript loader (tests)
 * nothing changes.
 */
import { isMainThread, parentPort, Worker } from 'node:worker_threads'
import {
  type ChartCacheStore,
  compiledChartAhead,
  drawingAhead,
  rawChartKey,
  referencedDatasetNames,
} from './cache.ts'
import { compileChart, renderVegaSvg } from './render.ts'
import { parseSpecJson } from './spec.ts'
import { type ChartDrawing, tooWide } from './svg.ts'
import type { ChartDatasets } from './validate.ts'

interface Job {
  readonly datasets: ChartDatasets
  readonly drawing: ChartDrawing
  /** Raw keys of the drawing's spec and of its fitted spec. */
  readonly key: string
  readonly fittedKey: string
}

interface Answer {
  readonly key: string
  readonly svg?: string
  /** The spec compiled to Vega (JSON), for the page's "Try your own numbers" redraws. */
  readonly vega?: string
}

const compiled = import.meta.url.endsWith('/lib/article.mjs')

/** Spec texts whose drawings were all in the store, by the session that gave their data. */
const drawnBefore = new WeakMap<object, Set<string>>()

/**
 * Starts drawing, in a worker, every drawing of the charts in `charts` (spec text by path) that
 * is not in `store`: `drawingsOf` gives a spec's drawings (the page's wide and narrow variants),
 * `session` the model's datasets. Returns once the jobs are sent; the drawings
 * are registered with drawingAhead, the fitted one too, answered empty when it is not needed.
 */
export async function drawChartsAhead(
  charts: ReadonlyMap<string, string>,
  drawingsOf: (spec: Readonly<Record<string, unknown>>) => readonly ChartDrawing[],
  session: { dataset(name: string): { readonly rows: ChartDatasets[string] } | undefined },
  store: ChartCacheStore,
): Promise<void> {
  if (!compiled || process.env.ARTICLE_CHART_WORKER === '0') return
  // Specs found all drawn before in this session (same model, scenario and settings): a rebuild
  // under `npm run dev` skips them instead of hashing their data again (~5 ms). At worst a page
  // draws a chart itself, as it does for one this worker has not reached.
  const known = drawnBefore.get(session) ?? new Set<string>()
  drawnBefore.set(session, known)
  const jobs: Job[] = []
  for (const [path, text] of charts) {
    if (known.has(text)) continue
    const before = jobs.length
    let spec: Record<string, unknown>
    try {
      spec = parseSpecJson(text, `content/${path}`) as Record<string, unknown>
    } catch {
      continue // reported by the page that places it
    }
    // The same datasets rehype-charts gives the renderer.
    const datasets: Record<string, ChartDatasets[string]> = {}
    for (const name of referencedDatasetNames(spec)) {
      const rows = session.dataset(name)?.rows
      if (rows) datasets[name] = rows
    }
    for (const drawing of drawingsOf(spec)) {
      const key = rawChartKey(drawing.spec, datasets)
      if ((await store.read(key))?.startsWith('<svg')) continue
      jobs.push({ datasets, drawing, key, fittedKey: rawChartKey(drawing.fitted, datasets) })
    }
    if (jobs.length === before) known.add(text)
  }
  if (jobs.length === 0) return
  // Its own bundle beside lib/article.mjs (src/cli/chart-worker.ts).
  const worker = new Worker(new URL('./chart-worker.mjs', import.meta.url))
  worker.unref()
  // The worker asks for one job at a time, so the jobs it has not started stay here, where the
  // page can withdraw one and draw it itself rather than wait (both cores draw at the end).
  const queue = [...jobs]
  const specOf = new Map<string, Record<string, unknown>>()
  for (const job of jobs) {
    specOf.set(job.key, job.drawing.spec)
    specOf.set(job.fittedKey, job.drawing.fitted)
  }
  const pending = new Map<string, (svg: string | undefined) => void>()
  const settle = (key: string, svg: string | undefined) => {
    pending.get(key)?.(svg)
    pending.delete(key)
  }
  for (const job of jobs) {
    const take = () => {
      const at = queue.indexOf(job)
      if (at < 0) return false
      queue.splice(at, 1)
      settle(job.key, undefined)
      settle(job.fittedKey, undefined)
      return true
    }
    // A drawing fitted from the start (the phone's) has one key for both.
    for (const key of new Set([job.key, job.fittedKey])) {
      const drawing = new Promise<string | undefined>((resolve) => pending.set(key, resolve))
      drawingAhead(key, { drawing, take })
    }
  }
  const next = () => {
    const job = queue.shift()
    if (job) worker.postMessage(job)
    else void worker.terminate()
  }
  worker.on('message', (answer: Answer | 'ready') => {
    if (answer === 'ready') return next()
    const spec = specOf.get(answer.key)
    if (answer.vega && spec) compiledChartAhead(spec, answer.vega)
    settle(answer.key, answer.svg)
  })
  const failed = () => {
    queue.length = 0
    for (const key of [...pending.keys()]) settle(key, undefined)
  }
  worker.on('error', failed)
  worker.on('exit', failed)
}

/** The worker's side: draws each job it is sent and answers with the SVG, then asks for more. */
export function chartWorkerMain(): void {
  if (isMainThread || !parentPort) return
  const port = parentPort
  const draw = async (key: string, spec: Record<string, unknown>, datasets: ChartDatasets) => {
    try {
      const svg = await renderVegaSvg(spec, datasets)
      // Compiled again (a few ms, the libraries are loaded): the page's main thread then need
      // not load Vega-Lite to write whatif-charts.json.
      port.postMessage({ key, svg, vega: JSON.stringify(await compileChart(spec)) })
      return svg
    } catch {
      port.postMessage({ key })
      return undefined
    }
  }
  port.on('message', async (job: Job) => {
    const svg = await draw(job.key, job.drawing.spec, job.datasets)
    if (job.fittedKey === job.key) {
      // Fitted from the start: nothing to draw again.
    } else if (svg && tooWide(svg, job.drawing))
      await draw(job.fittedKey, job.drawing.fitted, job.datasets)
    else port.postMessage({ key: job.fittedKey })
    port.postMessage('ready')
  })
  port.postMessage('ready')
}
