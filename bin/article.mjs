#!/usr/bin/env node
// Entry point of every npm script. TypeScript sources and their dependencies are bundled once
// with esbuild into .cache/cli/ and reused while the sources and the lockfile are unchanged:
// loading one file is several times faster than resolving hundreds of small ES modules
// (measured: 418 ms → 143 ms of imports), and no TypeScript loader runs at build time.
// vega and vega-lite stay external: they are imported only when a chart must be rendered.
// Delete .cache/ at any time.
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const outDir = join(root, '.cache', 'cli')

function sourceHash() {
  const hash = createHash('sha256')
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    )) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) walk(path)
      else if (entry.name.endsWith('.ts')) hash.update(path).update(readFileSync(path))
    }
  }
  walk(join(root, 'src'))
  // A checkout without a lockfile still builds; package.json then stands for the dependencies.
  const lock = join(root, 'package-lock.json')
  hash.update(readFileSync(existsSync(lock) ? lock : join(root, 'package.json')))
  hash.update(readFileSync(fileURLToPath(import.meta.url)))
  return hash.digest('hex').slice(0, 16)
}

async function compiled() {
  const key = sourceHash()
  const file = join(outDir, `main-${key}.mjs`)
  if (!existsSync(file)) {
    const { build } = await import('esbuild')
    await build({
      entryPoints: [join(root, 'src', 'cli', 'main.ts')],
      // Written aside and renamed into place: two processes compiling at once never read half a file.
      outfile: `${file}.${process.pid}.tmp`,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      external: ['vega', 'vega-lite', 'vega-interpreter', 'esbuild'],
      // CommonJS dependencies (nunjucks) call require(); give the ES module bundle one.
      banner: {
        js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
      },
      logLevel: 'error',
    })
    renameSync(`${file}.${process.pid}.tmp`, file)
    for (const old of readdirSync(outDir)) {
      if (old !== `main-${key}.mjs` && !old.endsWith('.tmp'))
        rmSync(join(outDir, old), { force: true })
    }
  }
  return file
}

const bundle = await compiled()
// The bundle's hash identifies the build's code, for caches of processed pages.
process.env.ARTICLE_CODE_VERSION = bundle.replace(/^.*main-|\.mjs$/g, '')
const { main } = await import(pathToFileURL(bundle).href)
process.exitCode = await main(process.argv.slice(2))
