#!/usr/bin/env node
// Entry point of every npm script. TypeScript sources are bundled once with esbuild into
// .cache/cli/ and reused while their content hash is unchanged: faster than running them
// through a loader on every build. Delete .cache/ at any time.
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs'
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
  hash.update(readFileSync(join(root, 'package-lock.json')))
  return hash.digest('hex').slice(0, 16)
}

async function compiled() {
  const key = sourceHash()
  const file = join(outDir, `main-${key}.mjs`)
  if (!existsSync(file)) {
    const { build } = await import('esbuild')
    await build({
      entryPoints: [join(root, 'src', 'cli', 'main.ts')],
      outfile: file,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      sourcemap: 'inline',
      logLevel: 'error',
    })
    for (const old of readdirSync(outDir))
      if (old !== `main-${key}.mjs`) rmSync(join(outDir, old), { force: true })
  }
  return file
}

const { main } = await import(pathToFileURL(await compiled()).href)
process.exitCode = await main(process.argv.slice(2))
