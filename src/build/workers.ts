/**
 * A site's articles built on every core: this thread and `workers` worker threads take articles
 * from one queue. Each worker runs the compiled command line (lib/article.cjs), prepares its
 * own context from the same options (the model session, processor and templates: ~0.5 s) and
 * writes each article's files itself when the output is a folder (SiteSink.folder), or else
 * answers with them for this thread to write. Every article is built by the same code from the
 * same inputs whichever thread takes it, so the output is the same byte for byte.
 * Under a TypeScript loader (tests) and for small sites everything runs in this thread.
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads'
import type { CostModel } from '../model/index.ts'
import type { CarriedSession } from '../pipeline/session.ts'
import { fsEffects } from '../site/effects.ts'
import type { SinkFolder } from '../site/sink.ts'
import { folderWriter } from '../site/write.ts'
import { type BuiltArticle, buildArticle, prepareArticles } from './article.ts'
import type { BuildOptions } from './options.ts'

/** A worker pays for its start (~0.5 s) only with at least this many articles for each thread. */
const ARTICLES_PER_THREAD = 3

/** Articles a worker is given ahead, so it never waits for this busy thread to hand it one. */
const IN_FLIGHT = 2

const compiled = import.meta.url.endsWith('/lib/article.cjs')

interface Job {
  readonly index: number
  readonly name: string
}

/** Sent to a worker before its first job: what the first article computed from the draws. */
interface Carry {
  readonly carried: CarriedSession
}

type Answer =
  /** `wrote`: the files the worker wrote into the output folder itself, left out of `built`. */
  | { readonly index: number; readonly built: BuiltArticle; readonly wrote: readonly string[] }
  | { readonly index: number; readonly error: string }
  | { readonly index: number; readonly writeError: { message: string; code: string | undefined } }

/** What a worker thread starts with. */
interface WorkerStart {
  readonly options: BuildOptions
  /** The output folder to write into; without it the files come back in the answers. */
  readonly folder: string | undefined
  /** Whether that folder is a previous output, written over in place (SinkFolder.reused). */
  readonly reused: boolean
}

/** An article's result: its files either in `built.files` or already written (`wrote`). */
export type ArticleDone = (
  index: number,
  built: BuiltArticle,
  wrote: readonly string[],
) => Promise<void>

/**
 * Builds content/`names[i]` for every i, here (`local`) and in worker threads, and hands each
 * result to `done` as it comes, in any order. Returns how many threads built articles.
 */
export async function buildArticles(
  names: readonly string[],
  options: BuildOptions,
  local: (name: string) => Promise<BuiltArticle>,
  done: ArticleDone,
  folder?: SinkFolder,
  carry?: () => CarriedSession,
): Promise<number> {
  let next = 0
  let stopped = false
  const take = (): Job | undefined =>
    !stopped && next < names.length ? { index: next, name: names[next++] as string } : undefined
  // Each article's files are written while the next one is built: one article's writes at a
  // time, so at most its files wait in memory.
  const here = async () => {
    let writing = Promise.resolve()
    try {
      for (let job = take(); job; job = take()) {
        const built = await local(job.name)
        await writing
        writing = done(job.index, built, [])
      }
    } catch (error) {
      await writing.catch(() => undefined) // the build fails with this thread's error
      throw error
    }
    await writing
  }
  const threads = compiled
    ? Math.min(options.workers ?? 0, Math.floor((names.length - 1) / ARTICLES_PER_THREAD) - 1)
    : 0
  // The workers start now: loading the command line and preparing their context (~0.5 s) takes
  // the core the first article leaves idle while it waits for its charts. They take no article
  // until the first is built here: it draws the charts (with the chart worker) and stores them,
  // so the workers' articles find them drawn instead of drawing them again on a busy core. With
  // their first article they get what it computed from the draws (`carry`).
  let release: (carried: Carry | undefined) => void = () => undefined
  const firstBuilt = new Promise<Carry | undefined>((resolve) => {
    release = resolve
  })
  const work: Promise<void>[] = []
  for (let i = 0; i < threads; i++) {
    const worker = inWorker(options, take, done, folder, firstBuilt)
    worker.catch(() => undefined) // handled below, once the first article is built
    work.push(worker)
  }
  const first = take()
  try {
    if (first) await done(first.index, await local(first.name), [])
    release(carry && threads > 0 ? { carried: carry() } : undefined)
  } catch (error) {
    stopped = true // each worker stops before its first article
    release(undefined)
    await Promise.allSettled(work)
    throw error
  }
  work.push(here())
  // A failing thread stops the others from taking articles, and the build fails only once every
  // thread has stopped: none may write into the output folder after it is discarded.
  const settled = await Promise.allSettled(
    work.map((w) =>
      w.catch((error: unknown) => {
        stopped = true
        throw error
      }),
    ),
  )
  const failure = settled.find((r) => r.status === 'rejected')
  if (failure) throw failure.reason
  return threads + 1
}

/** One worker thread, fed from `take` until the queue is empty. */
function inWorker(
  options: BuildOptions,
  take: () => Job | undefined,
  done: ArticleDone,
  folder: SinkFolder | undefined,
  firstBuilt: Promise<Carry | undefined>,
): Promise<void> {
  const start: WorkerStart = { options, folder: folder?.path, reused: folder?.reused === true }
  const worker = new Worker(
    // The compiled command line, run as the main thread runs it (bin/bundle.mjs, with its code cache).
    `import(${JSON.stringify(new URL('../bin/bundle.mjs', import.meta.url).href)}).then((b) => b.loadBundle(new URL(${JSON.stringify(import.meta.url)})).articleWorkerMain())`,
    { eval: true, workerData: start },
  )
  return new Promise<void>((resolve, reject) => {
    let running = 0
    let failed = false
    // The build fails once the worker has stopped: a stopping worker finishes the writes it has
    // started, which would otherwise land in the output folder after it was discarded.
    const fail = (error: Error) => {
      if (failed) return
      failed = true
      worker.terminate().then(
        () => reject(error),
        () => reject(error),
      )
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
      if ('writeError' in answer) {
        const { message, code } = answer.writeError
        const error: NodeJS.ErrnoException = Object.assign(new Error(message), { code })
        return fail(folder ? folder.failure(error) : error)
      }
      done(answer.index, answer.built, answer.wrote).then(feed, fail)
    })
    worker.on('error', fail)
    worker.on('exit', (code) => {
      if (!failed && running > 0) fail(new Error(`an article worker stopped with code ${code}`))
    })
    void firstBuilt.then((carry) => {
      if (failed) return
      if (carry) worker.postMessage(carry)
      feed()
    })
  })
}

/** The worker's side: prepares its context, then builds each article it is sent, in order. */
export async function runArticleWorker(model: CostModel): Promise<void> {
  if (isMainThread || !parentPort) return
  const port = parentPort
  const { options, folder, reused } = workerData as WorkerStart
  const context = prepareArticles(model, options, fsEffects(options.root))
  const write = folder ? folderWriter(folder, reused) : undefined
  const answer = (message: Answer) => port.postMessage(message)
  // As on the main thread, an article's files are written while the next one is built.
  let queue = Promise.resolve()
  let writing = Promise.resolve()
  const writeAndAnswer = async (index: number, built: BuiltArticle) => {
    // An article with errors writes nothing: the build fails, and its report is all it needs.
    if (!write || built.diagnostics.some((d) => d.severity === 'error'))
      return answer({ index, built, wrote: [] })
    try {
      await Promise.all(built.files.map(([path, content]) => write(path, content)))
    } catch (error) {
      const { message, code } = error as NodeJS.ErrnoException
      return answer({ index, writeError: { message, code } })
    }
    answer({ index, built: { ...built, files: [] }, wrote: built.files.map(([p]) => p) })
  }
  port.on('message', (message: Job | Carry) => {
    if ('carried' in message) {
      const { carried } = message
      queue = queue.then(async () => (await context).session.adopt(carried))
      return
    }
    const job = message
    queue = queue.then(async () => {
      let built: BuiltArticle
      try {
        built = await buildArticle(await context, job.name)
      } catch (error) {
        await writing
        return answer({ index: job.index, error: String((error as Error)?.stack ?? error) })
      }
      await writing
      writing = writeAndAnswer(job.index, built)
    })
  })
}
