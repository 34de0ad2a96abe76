#!/usr/bin/env node
// Compiles the command line once, at install time (`npm ci` runs `prepare`), or on request
// (`npm run compile`): src/ and its dependencies are bundled by esbuild into lib/article.mjs.
// Loading one file is several times faster than resolving hundreds of small ES modules, and no
// TypeScript loader runs when the site is built. lib/sources.json records a hash of what was
// compiled, so bin/article.mjs can refuse to run stale code rather than build wrong numbers.
import { createHash } from 'node:crypto'
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))

/** A hash of every TypeScript source under src/, in a stable order. Shared with bin/article.mjs. */
export function sourceHash(projectRoot = root) {
  const hash = createHash('sha256')
  const walk = (dir) => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    )
    for (const entry of entries) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) walk(path)
      else if (entry.name.endsWith('.ts'))
        hash.update(path.slice(projectRoot.length)).update(readFileSync(path))
    }
  }
  walk(join(projectRoot, 'src'))
  return hash.digest('hex').slice(0, 16)
}

async function compile() {
  const { build } = await import('esbuild')
  const lib = join(root, 'lib')
  mkdirSync(lib, { recursive: true })
  await compileNode(build, 'main.ts', 'article.mjs')
  // The chart worker's entry alone: it loads in a fraction of the command line's time. It always
  // draws, so Vega is bundled into it: one file loads faster than hundreds of ES modules.
  await compileNode(build, 'chart-worker.ts', 'chart-worker.mjs', NOT_VEGA)
  await compileBrowser(build)
  writeFileSync(join(lib, 'sources.json'), `${JSON.stringify({ src: sourceHash() })}\n`)
}

// Imported only when needed (a chart to render, a model to reload, a social card): kept out of
// the command line's bundle so a build whose charts come from the cache never loads them.
const VEGA = ['vega', 'vega-lite', 'vega-interpreter']
const NOT_VEGA = ['esbuild', '@resvg/resvg-js']

async function compileNode(build, source, output, external = [...VEGA, ...NOT_VEGA]) {
  const outfile = join(root, 'lib', output)
  await build({
    entryPoints: [join(root, 'src', 'cli', source)],
    // Written aside and renamed into place: a process starting meanwhile never reads half a file.
    outfile: `${outfile}.${process.pid}.tmp`,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // jsonc-parser's main is a UMD build whose require() calls esbuild cannot follow.
    mainFields: ['module', 'main'],
    external,
    // CommonJS dependencies (nunjucks) call require(); give the ES module bundle one.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
    logLevel: 'error',
  })
  renameSync(`${outfile}.${process.pid}.tmp`, outfile)
}

/**
 * The "Try your own numbers" panel's code for the browser: the model, the formatter and the
 * panel in one minified module, lib/browser/whatif.js, and the Vega runtime that redraws charts
 * in another, lib/browser/whatif-charts.js, which the panel imports only when a chart must be
 * redrawn. The build copies both to dist/assets/.
 */
async function compileBrowser(build) {
  await compileBrowserModule(build, 'whatif.ts', 'whatif.js')
  await compileBrowserModule(build, 'charts.ts', 'whatif-charts.js')
}

async function compileBrowserModule(build, source, output) {
  const dir = join(root, 'lib', 'browser')
  mkdirSync(dir, { recursive: true })
  const outfile = join(dir, output)
  await build({
    entryPoints: [join(root, 'src', 'browser', source)],
    outfile: `${outfile}.${process.pid}.tmp`,
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    minify: true,
    mainFields: ['module', 'main'],
    legalComments: 'none',
    logLevel: 'error',
  })
  renameSync(`${outfile}.${process.pid}.tmp`, outfile)
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await compile()
