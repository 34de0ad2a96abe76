#!/usr/bin/env node
// Compiles the command line once, at install time (`npm ci` runs `prepare`), or on request
// (`npm run compile`): src/ and its dependencies are bundled by esbuild into lib/article.cjs.
// Loading one file is several times faster than resolving hundreds of small ES modules, and no
// TypeScript loader runs when the site is built. A warm-up build then leaves V8's code cache of
// each bundle beside it (bin/bundle.mjs). lib/sources.json records what was compiled
// (scripts/sources.mjs), so bin/article.mjs can refuse to run stale code rather than build
// wrong numbers.

import { spawnSync } from 'node:child_process'
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { installedVersion } from './package-version.mjs'
import { sourceHash, sourceStamp } from './sources.mjs'
import { vegaInterpreterPatch } from './vega-interpreter-patch.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))

async function compile() {
  const { build } = await import('esbuild')
  const lib = join(root, 'lib')
  mkdirSync(lib, { recursive: true })
  await compileNode(build, 'main.ts', 'article.cjs', [vegaApart])
  // Vega for the command line, required only when its own thread draws (src/cli/vega-libraries.ts).
  await compileNode(build, 'vega-libraries.ts', 'vega.cjs')
  // The chart worker's entry alone: it loads in a fraction of the command line's time.
  await compileNode(build, 'chart-worker.ts', 'chart-worker.cjs')
  // A worker starts from an ES module file: this one runs the chart worker's bundle.
  writeAside(
    join(lib, 'chart-worker.mjs'),
    "import { loadBundle } from '../bin/bundle.mjs'\nloadBundle(new URL('./chart-worker.cjs', import.meta.url))\n",
  )
  await compileBrowser(build)
  await cutCardFonts(join(lib, 'fonts'))
  const sources = { src: sourceHash(root), files: sourceStamp(root) }
  writeFileSync(join(lib, 'sources.json'), `${JSON.stringify(sources)}\n`)
  warmUp()
}

/** Every character from `first` to `last`, code points included. */
const span = (first, last) =>
  String.fromCodePoint(...Array.from({ length: last - first + 1 }, (_, i) => first + i))

/**
 * What the social card's fonts are cut to: Latin (Basic, Latin-1, Extended-A), general
 * punctuation, currency, arrows and mathematical operators. A card with any other character is
 * drawn with the whole fonts (src/site/social-card.ts), and draws the same either way.
 */
const CARD_CHARACTERS =
  span(0x20, 0x7e) +
  span(0xa0, 0x17f) +
  span(0x2000, 0x206f) +
  span(0x20a0, 0x20bf) +
  span(0x2190, 0x21ff) +
  span(0x2200, 0x22ff)

/**
 * The social card's fonts cut to CARD_CHARACTERS by hb-subset (subset-font), into `dir` with
 * `characters.txt`, the characters they hold. resvg reads a whole font file again for each glyph
 * it shapes or outlines (~75 times a card); files a third the size made a 100-page build ~5%
 * faster. The cut keeps every glyph those characters can become (ligatures, contextual
 * alternates), so a card draws the same bytes (tested). Without this folder, cards use the whole
 * fonts.
 */
async function cutCardFonts(dir) {
  try {
    const { default: subsetFont } = await import('subset-font')
    mkdirSync(dir, { recursive: true })
    for (const font of ['400Regular/Inter_400Regular.ttf', '700Bold/Inter_700Bold.ttf']) {
      const whole = readFileSync(join(root, 'node_modules', '@expo-google-fonts', 'inter', font))
      const cut = await subsetFont(whole, CARD_CHARACTERS, { targetFormat: 'truetype' })
      writeAside(join(dir, font.split('/')[1]), cut)
    }
    writeAside(join(dir, 'characters.txt'), CARD_CHARACTERS)
  } catch (error) {
    // Only a cost: without characters.txt, cards are drawn with the whole fonts, the same bytes.
    rmSync(join(dir, 'characters.txt'), { force: true })
    process.stderr.write(
      `compile: warning: the social card's fonts were not cut (${error instanceof Error ? error.message : error}); cards use the whole fonts\n`,
    )
  }
}

/** Writes `path` aside and renames it into place: a process starting meanwhile never reads half a file. */
function writeAside(path, content) {
  writeFileSync(`${path}.${process.pid}.tmp`, content)
  renameSync(`${path}.${process.pid}.tmp`, path)
}

// Native addons and esbuild itself stay in node_modules, required only when needed (a social
// card, a model to reload). Vega is bundled: its dynamic import() then loads nothing, and runs
// its modules only when a chart is drawn.
const EXTERNAL = ['esbuild', '@resvg/resvg-js']

/** The version of the package `name` that esbuild bundles: the one resolved from src/. */
function bundledVersion(name) {
  const version = installedVersion(name, join(root, 'src', 'cli', 'main.ts'))
  if (version === undefined) throw new Error(`compile: no package.json of ${name}`)
  return version
}

/**
 * Leaves Vega, Vega-Lite and vega-interpreter out of a bundle: each import of them becomes a
 * require of lib/vega.cjs, at the moment the code asks for them (src/charts/render.ts imports
 * them dynamically).
 */
const vegaApart = {
  name: 'vega-apart',
  setup(build) {
    const names = { vega: 'vega', 'vega-lite': 'vegaLite', 'vega-interpreter': 'interpreter' }
    build.onResolve({ filter: /^vega(-lite|-interpreter)?$/ }, (args) => ({
      path: args.path,
      namespace: 'vega-apart',
    }))
    build.onResolve({ filter: /^\.\/vega\.cjs$/ }, (args) => ({ path: args.path, external: true }))
    build.onLoad({ filter: /.*/, namespace: 'vega-apart' }, (args) => ({
      contents: `module.exports = require('./vega.cjs').${names[args.path]}`,
      loader: 'js',
    }))
  },
}

/**
 * A CommonJS bundle, which bin/bundle.mjs runs as a script with a V8 code cache (Node 20 caches
 * no ES module's code). Its `import.meta.url` is the bundle's own URL, passed in by the loader.
 */
async function compileNode(build, source, output, plugins = []) {
  const outfile = join(root, 'lib', output)
  await build({
    entryPoints: [join(root, 'src', 'cli', source)],
    outfile: `${outfile}.${process.pid}.tmp`,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // jsonc-parser's main is a UMD build whose require() calls esbuild cannot follow.
    mainFields: ['module', 'main'],
    external: EXTERNAL,
    // No comments or indentation: a third less text to read at every start (names are kept, so
    // stack traces still name their functions). esbuild escapes any other non-ASCII character.
    minifyWhitespace: true,
    define: {
      'import.meta.url': '__bundleUrl',
      // The chart libraries' versions, in the chart cache's keys (src/charts/cache.ts).
      // Strings, which esbuild writes in place (an object would be a module of its own).
      BUNDLED_VEGA_VERSION: JSON.stringify(bundledVersion('vega')),
      BUNDLED_VEGA_LITE_VERSION: JSON.stringify(bundledVersion('vega-lite')),
    },
    // A script run by vm has no dynamic import() without a Node flag: the external packages
    // (CommonJS) are required instead.
    supported: { 'dynamic-import': false },
    // vega-canvas awaits a dynamic import of `canvas` at its top level (a CommonJS bundle
    // cannot). That package is not installed and charts are drawn as SVG only: its browser
    // build, which finds no canvas either, does the same without the await.
    alias: {
      'vega-canvas': join(root, 'node_modules', 'vega-canvas', 'build', 'vega-canvas.browser.js'),
    },
    // vega-interpreter with one scope per view instead of one per expression evaluated.
    plugins: [vegaInterpreterPatch, ...plugins],
    logLevel: 'error',
  })
  renameSync(`${outfile}.${process.pid}.tmp`, outfile)
}

/**
 * A copy filter that keeps everything but the articles after the first (content/*.md, sorted):
 * one article runs the code a build runs.
 */
function oneArticle() {
  const dir = join(root, 'content')
  const first = existsSync(dir)
    ? readdirSync(dir)
        .filter((name) => name.endsWith('.md'))
        .sort()[0]
    : undefined
  return (source) => {
    const name = source.startsWith(`${dir}/`) ? source.slice(dir.length + 1) : undefined
    return name === undefined || name.includes('/') || !name.endsWith('.md') || name === first
  }
}

/**
 * Builds the project's first article once, into a throwaway folder, so that the code the build runs
 * is compiled and lands in each bundle's code cache (one article, so a large site does not make
 * every compile as long as its build). Only lib/ keeps anything: the project's own
 * .cache/ and dist/ are not touched, so the next build is as cold as before. A failed warm-up
 * (say, content with an error) still leaves the caches of what it ran.
 */
function warmUp() {
  const dir = mkdtempSync(join(tmpdir(), 'article-warm-up-'))
  const filter = oneArticle()
  try {
    for (const entry of ['content', 'templates', 'src'])
      if (existsSync(join(root, entry)))
        cpSync(join(root, entry), join(dir, entry), { recursive: true, filter })
    spawnSync(process.execPath, [join(root, 'bin', 'article.mjs'), 'build'], {
      cwd: dir,
      env: { ...process.env, ARTICLE_CODE_CACHE: 'write' },
      stdio: 'ignore',
    })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
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
    // The reader's redraws run vega-interpreter too.
    plugins: [vegaInterpreterPatch],
    logLevel: 'error',
  })
  renameSync(`${outfile}.${process.pid}.tmp`, outfile)
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await compile()
