/**
 * A site's articles built on every core: this thread and `workers` worker threads take articles
 * from one queue. Each worker imports the compiled command line (lib/article.mjs), prepares its
 * own context from the same options (the model session, processor and templates: ~0.5 s) and
 * answers with each article's files, which this thread writes. Every article is built by the same
 * code from the same inputs whichever thread takes it, so the output is the same byte for byte.
 * Under a TypeScript loader (tests) and for small sites everything runs in this thread.
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads'
import type { CostModel } from '../model/index.ts'
import { fsEffects } from '../site/effects.ts'
import { type BuiltArticle, buildArticle, prepareArticles } from './article.ts'
import type { BuildOptions } from './options.ts'

/** A worker pays for its start (~0.5 s) only with at least this many articles for each thread. */
const ARTICLES_PER_THREAD = 3

/** Articles a worker is given ahead, so it never waits for this busy thread to hand it one. */
const IN_FLIGHT = 2

const compiled = import.meta.url.endsWith('/lib/article.mjs')

interface Job {
  readonly index: number
  readonly name: string
}

type Answer =
  | { readonly index: number; readonly built: BuiltArticle }
  | { readonly index: number; readonly error: string }

/**
 * Builds content/`names[i]` for every i, here (`local`) and in worker threads, and hands each
 * result to `done` as it comes, in any order. Returns how many threads built articles.
 */
export async function buildArticles(
  names: readonly string[],
  options: BuildOptions,
  local: (name: string) => Promise<BuiltArticle>,
  done: (index: number, built: BuiltArticle) => Promise<void>,
): Promise<number> {
  let next = 0
  const take = (): Job | undefined =>
    next < names.length ? { index: next, name: names[next++] as string } : undefined
  const here = async () => {
    for (let job = take(); job; job = take()) await done(job.index, await local(job.name))
  }
  // The first article is built here before any worker starts: it draws the charts (with the
  // chart worker) and stores them, so the workers' articles find them drawn instead of drawing
  // them again on a core that is busy.
  const first = take()
  if (first) await done(first.index, await local(first.name))
  const threads = compiled
    ? Math.min(options.workers ?? 0, Math.floor((names.length - 1) / ARTICLES_PER_THREAD) - 1)
    : 0
  const work: Promise<void>[] = []
  for (let i = 0; i < threads; i++) work.push(inWorker(options, take, done))
  work.push(here())
  await Promise.all(work)
  return threads + 1
}

/** One worker thread, fed from `take` until the queue is empty. */
function inWorker(
  options: BuildOptions,
  take: () => Job | undefined,
  done: (index: number, built: BuiltArticle) => Promise<void>,
): Promise<void> {
  const worker = new Worker(
    `import(${JSON.stringify(import.meta.url)}).then((m) => m.articleWorkerMain())`,
    { eval: true, workerData: { options } },
  )
  return new Promise<void>((resolve, reject) => {
    let running = 0
    let failed = false
    const fail = (error: Error) => {
      failed = true
      void worker.terminate()
      reject(error)
    }
    const feed = () => {
      for (let job = running < IN_FLIGHT ? take() : undefined; job; ) {
        running++
        worker.postMessage(job)
        job = running < IN_FLIGHT ? take() : undefined
      }
      if (running === 0) void worker.terminate().then(() => resolve())
    }
    worker.on('message', (answer: Answer) => {
      running--
      if ('error' in answer) return fail(new Error(answer.error))
      done(answer.index, answer.built).then(feed, fail)
    })
    worker.on('error', fail)
    worker.on('exit', (code) => {
      if (!failed && running > 0) fail(new Error(`an article worker stopped with code ${code}`))
    })
    feed()
  })
}

/** The worker's side: prepares its context, then builds each article it is sent, in order. */
export async function runArticleWorker(model: CostModel): Promise<void> {
  if (isMainThread || !parentPort) return
  const port = parentPort
  const { options } = workerData as { options: BuildOptions }
  const context = prepareArticles(model, options, fsEffects(options.root))
  let queue = Promise.resolve()
  port.on('message', (job: Job) => {
    queue = queue.then(async () => {
      try {
        port.postMessage({ index: job.index, built: await buildArticle(await context, job.name) })
      } catch (error) {
        port.postMessage({ index: job.index, error: String((error as Error)?.stack ?? error) })
      }
    })
  })
}
