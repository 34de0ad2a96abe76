/**
 * bin/bundle.mjs: the compiled command line runs as a script with the V8 code cache made for it
 * at compile time. The cache must be one V8 takes (else every start compiles everything again),
 * and a stale or broken cache must only cost time, never change what runs.
 */
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, test } from 'node:test'
import { pathToFileURL } from 'node:url'
// @ts-expect-error: a plain ES module of bin/, without types
import { bundleScript, loadBundle } from '../../bin/bundle.mjs'
import { installedVersion } from '../../scripts/package-version.mjs'
import { projectCopy, root } from '../helpers.ts'

const dir = mkdtempSync(join(tmpdir(), 'bundle-'))
after(() => rmSync(dir, { recursive: true, force: true }))

/** A tiny CommonJS bundle that reports what the loader gave it. */
const bundle = (name: string, body: string): string => {
  const path = join(dir, name)
  writeFileSync(path, body)
  return path
}

/**
 * Runs `code` (an ES module) in a child process, with `args` before it and `env` added to this
 * process's environment, and returns its output.
 */
const child = (code: string, args: readonly string[] = [], env: Record<string, string> = {}) => {
  const r = spawnSync(process.execPath, [...args, '--input-type=module', '-e', code], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  })
  assert.equal(r.status, 0, r.stderr)
  return r.stdout
}
const binUrl = (name: string) => JSON.stringify(pathToFileURL(join(root, 'bin', name)).href)

test('the compiled bundles come with code caches that V8 takes', () => {
  for (const name of ['article.cjs', 'chart-worker.cjs']) {
    const path = join(root, 'lib', name)
    assert.ok(existsSync(`${path}.cache`), `${name}.cache is missing`)
    // In a child process: the cache is refused under other V8 flags, and the test runner has its own.
    const code = `import { bundleScript } from ${binUrl('bundle.mjs')}
       process.stdout.write(bundleScript(${JSON.stringify(path)}).cache)`
    assert.equal(child(code), 'used', name)
  }
})

test("the caches are made under bin/tiering.mjs's budget, which bin/bundle.mjs sets first", () => {
  const path = JSON.stringify(join(root, 'lib', 'article.cjs'))
  // bundleScript's check without bin/bundle.mjs, so under V8's own budget: refused. With the
  // budget set as bin/tiering.mjs does: taken.
  const check = (first: string) => `${first}
     import { readFileSync } from 'node:fs'
     import vm from 'node:vm'
     const text = readFileSync(${path}, 'latin1')
     const wrapped = '(function (exports, require, module, __filename, __dirname, __bundleUrl) {' + text + '\\n})'
     const script = new vm.Script(wrapped, { filename: ${path}, cachedData: readFileSync(${path} + '.cache') })
     process.stdout.write(script.cachedDataRejected ? 'rejected' : 'used')`
  assert.equal(child(check('')), 'rejected')
  assert.equal(child(check(`import ${binUrl('tiering.mjs')}`)), 'used')
  // The dev server goes back to V8's budget once its bundles are loaded: a bundle loaded after
  // that is refused its cache, which shows the budget changed.
  const dev = `import { bundleScript } from ${binUrl('bundle.mjs')}
     import { tierForLongRun } from ${JSON.stringify(pathToFileURL(join(root, 'src', 'cli', 'tiering.ts')).href)}
     const before = bundleScript(${path}).cache
     tierForLongRun()
     process.stdout.write(before + ' ' + bundleScript(${path}).cache)`
  assert.equal(child(dev, ['--import', 'tsx']), 'used rejected')
})

test('a bundle gets its module variables, its own URL as import.meta.url, and a require beside it', () => {
  bundle('helper.cjs', 'module.exports = 42\n')
  const path = bundle(
    'url.cjs',
    'exports.url = __bundleUrl; exports.file = __filename; exports.helper = require("./helper.cjs")\n',
  )
  const loaded = loadBundle(pathToFileURL(path))
  assert.deepEqual(loaded, { url: pathToFileURL(path).href, file: path, helper: 42 })
})

test('a stale or broken cache is refused and the bundle runs as written', () => {
  const path = bundle('answer.cjs', 'exports.answer = "new"\n')
  // A cache of other code, then bytes that are no cache at all.
  const other = bundle('other.cjs', 'exports.answer = "old"; exports.more = [1, 2, 3]\n')
  writeFileSync(`${path}.cache`, bundleScript(other, false).script.createCachedData())
  assert.equal(bundleScript(path).cache, 'rejected')
  assert.deepEqual(loadBundle(path), { answer: 'new' })
  // Node reports bytes too short for a cache as taken; V8 compiles the source all the same.
  writeFileSync(`${path}.cache`, 'not a cache')
  assert.deepEqual(loadBundle(path), { answer: 'new' })
})

test('a bundle with characters beyond ASCII is read as UTF-8', () => {
  const path = bundle('text.cjs', 'exports.text = String.raw`€ × “quoted”`\n')
  assert.equal(loadBundle(path).text, '€ × “quoted”')
})

test('ARTICLE_CODE_CACHE=write leaves a cache that the next start takes', () => {
  const path = bundle('warm.cjs', 'exports.twice = (n) => n * 2\n')
  const code = `import { bundleScript, loadBundle } from ${binUrl('bundle.mjs')}
     process.stdout.write(bundleScript(${JSON.stringify(path)}).cache + ' ' + loadBundle(${JSON.stringify(path)}).twice(21))`
  assert.equal(child(code, [], { ARTICLE_CODE_CACHE: 'write' }), 'none 42')
  assert.ok(existsSync(`${path}.cache`))
  assert.equal(child(code, [], { ARTICLE_CODE_CACHE: '' }), 'used 42')
})

test('the command line leaves Vega to lib/vega.cjs, and draws with it when its own thread draws', () => {
  const text = readFileSync(join(root, 'lib', 'article.cjs'), 'latin1')
  assert.ok(text.includes('require("./vega.cjs")'))
  for (const name of ['vega-lite', 'vega-parser', 'vega-interpreter'])
    assert.ok(!text.includes(`"node_modules/${name}/`), `${name} is bundled into article.cjs`)
  const project = projectCopy()
  try {
    const build = (env: Record<string, string>) => {
      rmSync(join(project, '.cache'), { recursive: true, force: true })
      const r = spawnSync(process.execPath, [join(root, 'bin', 'article.mjs'), 'build'], {
        cwd: project,
        encoding: 'utf8',
        env: { ...process.env, ...env },
      })
      assert.equal(r.status, 0, r.stderr)
      const charts = join(project, 'dist', 'economics-of-alignment', 'charts')
      return readdirSync(charts).map((name) => [name, readFileSync(join(charts, name), 'utf8')])
    }
    // No chart worker: every chart is drawn on the command line's thread, through lib/vega.cjs.
    const here = build({ ARTICLE_CHART_WORKER: '0' })
    assert.ok(here.length > 0)
    assert.deepEqual(here, build({}))
  } finally {
    rmSync(project, { recursive: true, force: true })
  }
})

test('a cold build leaves Vega to the chart worker: each drawing it shows comes with its compiled spec', () => {
  // A preload that reports each require of lib/vega.cjs on the main thread (workers run it too).
  const hook = join(dir, 'vega-loads.cjs')
  writeFileSync(
    hook,
    `const Module = require('node:module')
const { isMainThread } = require('node:worker_threads')
const load = Module._load
Module._load = function (request, ...rest) {
  if (isMainThread && request.endsWith('vega.cjs')) process.stderr.write('main thread loads ' + request + '\\n')
  return load.call(this, request, ...rest)
}
`,
  )
  const project = projectCopy()
  try {
    const build = (env: Record<string, string>) => {
      rmSync(join(project, '.cache'), { recursive: true, force: true })
      return spawnSync(
        process.execPath,
        ['--require', hook, join(root, 'bin', 'article.mjs'), 'build'],
        {
          cwd: project,
          encoding: 'utf8',
          env: { ...process.env, ...env },
        },
      )
    }
    // The whatif-charts.json of every shown drawing is written from the worker's compiled specs.
    const cold = build({})
    assert.equal(cold.status, 0, cold.stderr)
    assert.doesNotMatch(cold.stderr, /main thread loads/)
    // The hook sees the main thread's loads: without the worker, Vega is loaded there.
    const alone = build({ ARTICLE_CHART_WORKER: '0' })
    assert.equal(alone.status, 0, alone.stderr)
    assert.match(alone.stderr, /main thread loads \.\/vega\.cjs/)
  } finally {
    rmSync(project, { recursive: true, force: true })
  }
})

test('the bundle names the chart libraries installed, as a TypeScript loader finds them', () => {
  const cache = pathToFileURL(join(root, 'src', 'charts', 'cache.ts'))
  for (const name of ['article.cjs', 'chart-worker.cjs']) {
    const text = readFileSync(join(root, 'lib', name), 'latin1')
    const [, vega, vegaLite] = /\{vega:"([^"]+)",vegaLite:"([^"]+)"\}/.exec(text) ?? []
    // The chart cache's keys name these: the same versions either way, or no key would agree.
    assert.equal(vega, installedVersion('vega', cache), name)
    assert.equal(vegaLite, installedVersion('vega-lite', cache), name)
  }
  const own = JSON.parse(readFileSync(join(root, 'node_modules', 'vega', 'package.json'), 'utf8'))
  assert.equal(installedVersion('vega', cache), own.version)
})
