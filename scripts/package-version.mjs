// The version of an installed package, as a module at a given place would load it. Shared by
// scripts/compile.mjs, which writes the chart libraries' versions into the bundle, and by
// src/charts/cache.ts, which reads them itself under a TypeScript loader (tests): the two must
// name the same version for the chart cache's keys to agree.

import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

/**
 * The version of package `name` as `from` (a module's path or file URL) resolves it: the
 * package.json named `name` nearest above its resolved entry point (vega's `exports` map does
 * not expose `vega/package.json`), or undefined when there is none.
 */
export function installedVersion(name, from) {
  let dir = dirname(createRequire(from).resolve(name))
  for (;;) {
    const json = packageJson(join(dir, 'package.json'))
    if (json?.name === name && typeof json.version === 'string') return json.version
    const parent = dirname(dir)
    if (parent === dir) return undefined
    dir = parent
  }
}

/** The parsed package.json at `path`, or undefined when there is none. */
function packageJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'))
  } catch (error) {
    if (error?.code === 'ENOENT') return undefined
    throw error
  }
}
