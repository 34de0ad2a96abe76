// Runs a bundle compiled by scripts/compile.mjs (lib/article.cjs, lib/chart-worker.cjs) with the
// V8 code cache made for it at compile time (<bundle>.cache). Node 20 keeps no compile cache of
// its own (module.enableCompileCache came in Node 22): compiling the command line took ~90 ms of
// every start, and each function the build ran was compiled again on its first call. The cache
// is an optimisation only: V8 checks it against the source and the flags it was made with, and
// a rejected or missing cache compiles the bundle as usual.
// First: V8's tiering for every bundle, set before the caches are made or checked (tiering.mjs).
import './tiering.mjs'
import { isAscii } from 'node:buffer'
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import vm from 'node:vm'
import { isMainThread, parentPort, threadId } from 'node:worker_threads'

/** `ARTICLE_CODE_CACHE=write` (scripts/compile.mjs's warm-up build) writes the caches. */
const writing = process.env.ARTICLE_CODE_CACHE === 'write'

/** Runs the CommonJS bundle at `file` (a path or file URL) and returns its exports. */
export function loadBundle(file) {
  const path = file instanceof URL ? fileURLToPath(file) : file
  const { script } = bundleScript(path, !writing)
  const module = { exports: {} }
  script.runInThisContext()(
    module.exports,
    createRequire(path),
    module,
    path,
    dirname(path),
    pathToFileURL(path).href,
  )
  if (writing) keepCacheWritten(script, `${path}.cache`)
  return module.exports
}

/**
 * The bundle at `path` compiled as a function of the module's variables, with its cache when
 * `cached`; `cache` says whether V8 took it ('used'), refused it ('rejected') or there was none.
 */
export function bundleScript(path, cached = true) {
  const cachePath = `${path}.cache`
  const cachedData = cached && existsSync(cachePath) ? readFileSync(cachePath) : undefined
  // One line, so the bundle's own line numbers stay right in stack traces.
  const wrapped = `(function (exports, require, module, __filename, __dirname, __bundleUrl) {${sourceText(path)}\n})`
  const script = new vm.Script(wrapped, { filename: path, cachedData })
  const cache = !cachedData ? 'none' : script.cachedDataRejected ? 'rejected' : 'used'
  return { script, cache }
}

/**
 * The bundle's text. An ASCII file is read as Latin-1, which V8 keeps one byte a character: half
 * the memory of the two-byte string a UTF-8 decoding gives once the text holds any other
 * character, and about twice as fast to read (scripts/compile.mjs keeps the bundles ASCII).
 */
function sourceText(path) {
  const bytes = readFileSync(path)
  return bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8')
}

/**
 * Writes the cache once the warm-up has run the code it compiles lazily: at exit on the main
 * thread, after each answer in a worker (a worker is terminated at the end of a build, with no
 * exit of its own).
 */
function keepCacheWritten(script, cachePath) {
  const write = () => {
    // Aside and renamed into place: a process starting meanwhile never reads half a cache.
    const aside = `${cachePath}.${process.pid}-${threadId}.tmp`
    writeFileSync(aside, script.createCachedData())
    renameSync(aside, cachePath)
  }
  if (isMainThread || !parentPort) {
    process.on('exit', write)
    return
  }
  const post = parentPort.postMessage.bind(parentPort)
  parentPort.postMessage = (...message) => {
    post(...message)
    write()
  }
}
