/**
 * Charts drawn on the second core while the first processes pages. At the start of a build every
 * chart spec whose raw drawing (see RawSvgRenderer) is not cached yet is sent to a worker thread,
 * which loads Vega once per process and draws them one after another; rehype-charts later takes
 * each drawing from there instead of running Vega itself. The drawing depends only on the spec
 * and the datasets, so the output is the same byte for byte; a drawing that fails in the worker
 * is drawn again in the page, which reports the error as before. Only the compiled command line
 * (lib/article.cjs) starts a worker, from its own bundle (lib/chart-worker.cjs, which
 * lib/chart-worker.mjs runs). Under a TypeScript loader (tests) nothing changes.
 */
import { isMainThread, parentPort, Worker } from 'node:worker_threads'
import { keptWith } from '../memo.ts'
import {
  type ChartCacheStore,
  compiledChartAhead,
  drawingAhead,
  rawChartKey,
  referencedDatasetNames,
} from './cache.ts'
import { compileChart, librariesLoaded, loadLibraries, renderVegaSvg } from './render.ts'
import { parseSpecJson } from './spec.ts'
import { type ChartDrawing, tooWide } from './svg.ts'
import type { ChartDatasets } from './validate.ts'

interface Job {
  readonly datasets: ChartDatasets
  readonly drawing: ChartDrawing
  /** Raw keys of the drawing's spec and of its fitted spec. */
  readonly key: string
  readonly fittedKey: string
  /** Who draws it (OPEN, WORKER or PAGE), shared with the worker. */
  readonly claim: Int32Array
}

/** A drawing to warm up on: drawn when the worker is idle, answered by nothing. */
interface WarmUp {
  readonly warm: true
  readonly datasets: ChartDatasets
  readonly drawing: ChartDrawing
}

interface Answer {
  readonly key: string
  readonly svg?: string
  /** The spec compiled to Vega (JSON), for the page's "Try your own numbers" redraws. */
  readonly vega?: string
}

const compiled = import.meta.url.endsWith('/lib/article.cjs')

/** Spec texts whose drawings were all in the store, by the session that gave their data. */
const drawnBefore = keptWith((_session: object) => new Set<string>())

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
  const known = drawnBefore(session)
  const warm = warmUp
  warmUp = false
  let ahead: AheadWorker | undefined
  for (const [path, text] of charts) {
    if (known.has(text)) continue
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
    let drawn = true
    for (const drawing of drawingsOf(spec)) {
      const key = rawChartKey(drawing.spec, datasets)
      if ((await store.read(key))?.startsWith('<svg')) {
        if (warm) running?.warm(datasets, drawing)
        continue
      }
      drawn = false
      // Sent at once: the worker starts on the first chart while this thread still computes
      // the datasets of the next ones (Monte Carlo samples, for some).
      ahead ??= startWorker()
      ahead.send(datasets, drawing, key, rawChartKey(drawing.fitted, datasets))
    }
    if (drawn) known.add(text)
  }
}

/**
 * Starts the chart worker before the build needs it when `store` holds no drawing (a fresh clone,
 * CI): it then loads Vega (~300 ms) while this thread sets up the model and computes the charts'
 * data, instead of after.
 */
export async function startChartWorkerEarly(store: ChartCacheStore): Promise<void> {
  if (!compiled || process.env.ARTICLE_CHART_WORKER === '0' || running) return
  if (startedFirst || (await store.isEmpty?.())) startWorker()
}

/** A chart worker bin/article.mjs started before the command line loaded, until adopted. */
let startedFirst: Worker | undefined

/**
 * Takes the chart worker bin/chart-worker-first.mjs started for this command: the next one this
 * thread needs is that one, already loading Vega.
 */
export function adoptChartWorker(worker: Worker): void {
  startedFirst ??= worker
}

/**
 * Starts the chart worker now, when it would otherwise start on first use, and has it warm up on
 * the next build's charts: it draws the drawings found in the cache too, and drops them. `npm
 * run dev` does so before its first build, whose charts usually all come from the cache. An edit
 * to the model redraws every chart: with a worker that had never drawn them, the first model
 * edit's reload came after ~1.1 s instead of ~0.7 s.
 */
export function startChartWorker(): void {
  if (!compiled || process.env.ARTICLE_CHART_WORKER === '0') return
  startWorker()
  warmUp = true
}

/** Whether the next drawChartsAhead sends the worker its cached drawings to warm up on. */
let warmUp = false

/** Claim states of a job (its shared Int32Array): nobody's yet, the worker's, the page's. */
const OPEN = 0
const WORKER = 1
const PAGE = 2

interface AheadWorker {
  send(datasets: ChartDatasets, drawing: ChartDrawing, key: string, fittedKey: string): void
  /** Draws `drawing` when there is nothing else to draw, and drops it (see startChartWorker). */
  warm(datasets: ChartDatasets, drawing: ChartDrawing): void
}

/** The process's chart worker, kept across the rebuilds of `npm run dev` (Vega stays loaded). */
let running: AheadWorker | undefined

/**
 * The chart worker (its own bundle beside lib/article.cjs, src/cli/chart-worker.ts), started on
 * first use. Each job it is sent carries a shared claim: whichever of the worker and the page
 * claims it first draws it, without a message between them, so the worker never waits for the
 * page's thread, which is busy parsing, to hand it its next job. A page claims a job only when
 * its own thread has Vega loaded already: loading it there (~250 ms) costs more than waiting for
 * the worker, which is drawing the page's charts in page order.
 */
function startWorker(): AheadWorker {
  if (running) return running
  const worker = startedFirst ?? new Worker(new URL('./chart-worker.mjs', import.meta.url))
  startedFirst = undefined
  const specOf = new Map<string, Record<string, unknown>>()
  const pending = new Map<string, (svg: string | undefined) => void>()
  const settle = (key: string, svg: string | undefined) => {
    pending.get(key)?.(svg)
    pending.delete(key)
    specOf.delete(key)
  }
  worker.on('message', (answer: Answer) => {
    const spec = specOf.get(answer.key)
    if (answer.vega && spec) compiledChartAhead(spec, answer.vega)
    settle(answer.key, answer.svg)
  })
  let alive = true
  // Gone: every drawing it still owed is drawn by its page, and the next build starts another.
  const failed = () => {
    alive = false
    if (running === ahead) running = undefined
    for (const key of [...pending.keys()]) settle(key, undefined)
  }
  worker.on('error', failed)
  worker.on('exit', failed)
  // Never what keeps the process alive: a build is over when its pages are written. After the
  // listeners: an unref() made before them left the process running once the build was done.
  worker.unref()
  const ahead: AheadWorker = {
    send(datasets, drawing, key, fittedKey) {
      const claim = new Int32Array(new SharedArrayBuffer(4))
      const job: Job = { datasets, drawing, key, fittedKey, claim }
      specOf.set(key, drawing.spec)
      specOf.set(fittedKey, drawing.fitted)
      const take = () => {
        if (alive && !librariesLoaded()) return false
        if (Atomics.compareExchange(claim, 0, OPEN, PAGE) !== OPEN) return false
        settle(key, undefined)
        settle(fittedKey, undefined)
        return true
      }
      // A drawing fitted from the start (the phone's) has one key for both.
      for (const each of new Set([key, fittedKey])) {
        const answer = new Promise<string | undefined>((resolve) => pending.set(each, resolve))
        drawingAhead(each, { drawing: answer, take })
      }
      worker.postMessage(job)
    },
    warm(datasets, drawing) {
      const job: WarmUp = { warm: true, datasets, drawing }
      worker.postMessage(job)
    },
  }
  running = ahead
  return ahead
}

/**
 * The worker's side: draws, in the order they come, the jobs it claims before a page does, and
 * answers each with the SVG. It lives as long as the process.
 */
export function chartWorkerMain(): void {
  if (isMainThread || !parentPort) return
  const port = parentPort
  // Loaded at once: the first job is on its way. A failure shows in the first drawing, which its
  // page then draws and reports.
  loadLibraries().catch(() => {})
  /** Draws `spec`, or answers `key` with nothing (its page draws it, and reports the error). */
  const draw = async (key: string, spec: Record<string, unknown>, datasets: ChartDatasets) => {
    try {
      return await renderVegaSvg(spec, datasets)
    } catch {
      port.postMessage({ key })
      return undefined
    }
  }
  // A drawing the page shows comes with its spec compiled to Vega (taken from renderVegaSvg's
  // compile, a few ms): the page's main thread then need not load Vega-Lite to write
  // whatif-charts.json. A drawing too wide to be shown comes without.
  const shown = async (key: string, spec: Record<string, unknown>, svg: string) => {
    const vega = await compileChart(spec).then(JSON.stringify, () => undefined)
    port.postMessage({ key, svg, vega })
  }
  const drawJob = async (job: Job) => {
    const { drawing, key, fittedKey, datasets } = job
    const svg = await draw(key, drawing.spec, datasets)
    if (svg === undefined) {
      if (fittedKey !== key) port.postMessage({ key: fittedKey })
    } else if (fittedKey !== key && tooWide(svg, drawing)) {
      port.postMessage({ key, svg })
      const fitted = await draw(fittedKey, drawing.fitted, datasets)
      if (fitted !== undefined) await shown(fittedKey, drawing.fitted, fitted)
    } else {
      await shown(key, drawing.spec, svg)
      // Fitted from the start (the phone's: one key for both), or not needed.
      if (fittedKey !== key) port.postMessage({ key: fittedKey })
    }
  }
  const queue: Job[] = []
  // Drawn only when no job waits, so a job never waits behind one.
  const warmUps: WarmUp[] = []
  let busy = false
  const run = async () => {
    if (busy) return
    busy = true
    for (;;) {
      const job = queue.shift()
      if (job) {
        if (Atomics.compareExchange(job.claim, 0, OPEN, WORKER) === OPEN) await drawJob(job)
        continue
      }
      const warm = warmUps.shift()
      if (!warm) break
      await renderVegaSvg(warm.drawing.spec, warm.datasets).catch(() => undefined)
    }
    busy = false
  }
  port.on('message', (message: Job | WarmUp) => {
    if ('warm' in message) warmUps.push(message)
    else queue.push(message)
    void run()
  })
}
