/**
 * `npm run dev [-- --port N]`: builds in memory, serves the site on localhost, rebuilds when
 * content/ or templates/ change and reloads the browser through server-sent events. A build
 * error is shown in the page and the terminal; the last good site keeps being served.
 */
import { watch } from 'node:fs'
import { createServer, type ServerResponse } from 'node:http'
import { extname, join } from 'node:path'
import { build } from '../build.ts'
import { startChartWorker } from '../charts/worker.ts'
import { CliError } from '../diagnostics/errors.ts'
import { cliMessages } from '../diagnostics/messages.ts'
import { formatDiagnostic, toDiagnostics } from '../diagnostics/report.ts'
import type { CostModel } from '../model/index.ts'
import { fsEffects } from '../site/effects.ts'
import { decodedContent, type SiteSink } from '../site/sink.ts'
import { parse, scenarioOptions, withFlagErrors } from './args.ts'
import { projectRoot } from './build.ts'
import type { Output } from './figures.ts'
import { loadFreshModel } from './model-loader.ts'
import { tierForLongRun } from './tiering.ts'

const types: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.js': 'text/javascript; charset=utf-8',
  '.png': 'image/png',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
}

/** How long a burst of file events must be quiet before a rebuild starts. */
const SETTLE_MS = 5

const reloadScript = `<script>new EventSource('/__reload').onmessage = () => location.reload()</script>`

const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`)

/** Runs the dev server until interrupted. */
export async function devCommand(
  argv: readonly string[],
  output: Output,
  initialModel: CostModel,
): Promise<number> {
  const { values } = parse('dev', argv, { ...scenarioOptions, port: { type: 'string' } })
  const port = Number(values.port ?? '8080')
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    const { reason, hint } = cliMessages.badPort(String(values.port))
    throw new CliError('--port', reason, hint)
  }
  const root = projectRoot()
  const files = fsEffects(root)
  // The commit is asked of git once: spawning it took ~10 ms of every rebuild.
  const commit = files.commit()
  const effects = { ...files, commit: () => commit }
  let model = initialModel
  let site: ReadonlyMap<string, string | Uint8Array> = new Map()
  let failure: string | undefined
  const clients = new Set<ServerResponse>()

  const reload = () => {
    for (const client of clients) client.write('data: reload\n\n')
  }
  /**
   * Rebuilds after `changed` (a path relative to the root). The browser reloads as soon as the
   * changed article's page is written, over the last site for files not rebuilt yet; the rest
   * of the site follows, and a later error reloads it again with the error.
   */
  const rebuild = async (reason: string, reloadModel = false, changed = ''): Promise<void> => {
    const started = performance.now()
    const fresh = new Map<string, string | Uint8Array>()
    let pushed = false
    try {
      if (reloadModel) model = await loadFreshModel(root)
      const sink: SiteSink = {
        write: async (path, content) => void fresh.set(path, decodedContent(content)),
        pageWritten: (source) => {
          if (source !== changed || failure) return
          site = new Map([...site, ...fresh])
          reload()
          pushed = true
        },
      }
      await withFlagErrors(() =>
        build(
          model,
          { root, scenario: values.scenario, settings: values.set ?? [] },
          effects,
          sink,
        ),
      )
      site = fresh
      failure = undefined
      output.out(`${reason}: rebuilt in ${(performance.now() - started).toFixed(0)} ms\n`)
    } catch (error) {
      const diagnostics = toDiagnostics(error)
      if (!diagnostics) throw error
      failure = diagnostics.map(formatDiagnostic).join('\n')
      process.stderr.write(`${failure}\n`)
      pushed = false
    }
    if (!pushed) reload()
  }

  startChartWorker()
  await rebuild('start')
  // After the first build: by then the chart worker, started with the command and loaded in
  // ~150 ms, has its bundle (see tierForLongRun).
  tierForLongRun()
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost')
    if (url.pathname === '/__reload') {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' })
      clients.add(response)
      request.on('close', () => clients.delete(response))
      return
    }
    if (failure) {
      response.writeHead(500, { 'content-type': types['.html'] })
      response.end(
        `<!doctype html><title>Build error</title><pre style="white-space:pre-wrap;font:14px/1.5 monospace;padding:2rem">${escapeHtml(failure)}</pre>${reloadScript}`,
      )
      return
    }
    const path = decodeURIComponent(url.pathname).replace(/^\/+/, '')
    const key = path === '' || path.endsWith('/') ? `${path}index.html` : path
    const body = site.get(key)
    if (body === undefined) {
      response.writeHead(404, { 'content-type': types['.html'] })
      response.end(
        `<!doctype html><title>Not found</title><p>Not found: ${escapeHtml(key)}</p>${reloadScript}`,
      )
      return
    }
    const type = types[extname(key)] ?? 'application/octet-stream'
    response.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' })
    response.end(
      typeof body === 'string' && type.startsWith('text/html')
        ? body.replace('</body>', `${reloadScript}</body>`)
        : body,
    )
  })
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  output.out(
    `Serving http://localhost:${port}/ — edit content/ or templates/ and the page reloads. Ctrl-C stops.\n`,
  )

  // One rebuild at a time: changes that arrive during a rebuild are built right after it, so two
  // rebuilds never race for the site being served.
  let timer: NodeJS.Timeout | undefined
  let modelChanged = false
  let running: Promise<void> | undefined
  let waiting: string | undefined
  const start = (what: string) => {
    if (running) {
      waiting = what
      return
    }
    const withModel = modelChanged
    modelChanged = false
    running = rebuild(`changed ${what}`, withModel, what).finally(() => {
      running = undefined
      const next = waiting
      waiting = undefined
      if (next !== undefined) start(next)
    })
  }
  // An editor's save is a burst of events within a millisecond or two (truncate, write, rename):
  // the rebuild starts once the burst has been quiet for SETTLE_MS.
  const schedule = (what: string, isModel = false) => {
    clearTimeout(timer)
    modelChanged ||= isModel
    timer = setTimeout(() => start(what), SETTLE_MS)
  }
  for (const dir of ['content', 'templates'])
    watch(join(root, dir), { recursive: true }, (_event, file) => schedule(`${dir}/${file ?? ''}`))
  watch(join(root, 'src', 'model'), { recursive: true }, (_event, file) =>
    schedule(`src/model/${file ?? ''}`, true),
  )
  watch(join(root, 'src'), { recursive: true }, (_event, file) => {
    if (file?.startsWith('model')) return
    output.out(
      `src/${file ?? ''} changed: the pipeline's code is compiled; run \`npm run compile\` and restart \`npm run dev\` to use it (model edits under src/model/ reload by themselves)\n`,
    )
  })
  // Ctrl-C ends the process through process.exit, so exit hooks (a `--cpu-prof` profile) run.
  process.once('SIGINT', () => {
    server.closeAllConnections()
    process.exit(0)
  })
  return new Promise<number>(() => {})
}
