#!/usr/bin/env node
// Entry point of every npm script: runs the command line compiled by `npm run compile` (which
// `npm ci` runs as `prepare`). Nothing is compiled here; if src/ changed since the last compile,
// the command stops and says so instead of running stale code. The npm scripts start it with
// `--v8-pool-size=1`, one thread for V8's background work instead of four: the build's own
// threads keep every core busy, and on two cores V8's helpers took a third of a build's CPU time
// (README, Speed). Without the flag it builds the same bytes, more slowly.
import { existsSync, readFileSync, statSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { sourceHash, stampHolds } from '../scripts/sources.mjs'
import { loadBundle } from './bundle.mjs'
import { startChartWorkerFirst } from './chart-worker-first.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
const chartWorker = startChartWorkerFirst(process.argv[2], root)
const bundle = `${root}lib/article.cjs`
const manifest = `${root}lib/sources.json`

const recorded = existsSync(manifest) ? JSON.parse(readFileSync(manifest, 'utf8')) : {}
if (!existsSync(bundle) || recorded.src === undefined) {
  process.stderr.write(
    'lib/article.cjs: error: Unexpected missing compiled command line, expected lib/ from `npm ci`\n  hint: run `npm run compile` (npm ci runs it for you)\n',
  )
  process.exit(1)
}
const unchanged = stampHolds(root, recorded.files, statSync(manifest).mtimeMs)
if (!unchanged && recorded.src !== sourceHash(root)) {
  process.stderr.write(
    'src/: error: Unexpected sources changed since the last compile, expected lib/ to match src/\n  hint: run `npm run compile`; `npm run dev` reloads edits to src/model/ by itself\n',
  )
  process.exit(1)
}
const { main, adoptChartWorker } = loadBundle(bundle)
if (chartWorker) adoptChartWorker(chartWorker)
process.exitCode = await main(process.argv.slice(2))
// Exits now, not when the event loop empties: that would first dispose of the heap, ~60 ms after
// a cold build's last file is written, for nothing. Output still on its way down a pipe (which
// node writes asynchronously off Linux) is flushed first; `exit` listeners still run.
await Promise.all([process.stdout, process.stderr].map(flushed))
process.exit()

/** Resolves once everything written to `stream` so far has been handed to the system. */
function flushed(stream) {
  return new Promise((resolve) => {
    if (stream.writableLength === 0) resolve()
    else stream.write('', () => resolve())
  })
}
