/**
 * The real BuildEffects: files under the project root, git for the commit, and a memo that
 * persists under .cache/ (safe to delete) so rebuilds skip work whose inputs did not change.
 */
import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { BuildEffects } from '../build.ts'
import { fsChartCacheStore } from '../charts/cache.ts'
import type { TextMemo } from '../pipeline/rehype-highlight.ts'
import { readSourceText } from './decode.ts'

/** Effects reading from `root`. */
export function fsEffects(
  root: string,
  memo: TextMemo = diskMemo(join(root, '.cache', 'memo')),
): BuildEffects {
  return {
    readText: (path) => readSourceText(root, path),
    list: async (dir) =>
      (await readdir(join(root, dir), { withFileTypes: true }))
        .filter((e) => e.isFile())
        .map((e) => e.name)
        .sort(),
    commit: () => gitCommit(root),
    memo,
    chartStore: fsChartCacheStore(join(root, '.cache', 'charts')),
  }
}

/** GITHUB_SHA in Actions, else `git rev-parse HEAD`, else `unknown` (a tarball). */
async function gitCommit(root: string): Promise<string> {
  if (process.env.GITHUB_SHA) return process.env.GITHUB_SHA
  try {
    const { stdout } = await promisify(execFile)('git', ['rev-parse', 'HEAD'], { cwd: root })
    return stdout.trim()
  } catch {
    return 'unknown'
  }
}

/** A memo in memory, for tests and the dev server. */
export function memoryMemo(): TextMemo {
  const map = new Map<string, string>()
  return { get: (key) => map.get(key), set: (key, value) => void map.set(key, value) }
}

/** A memo in files named by the key's hash, backed by memory for this process. */
export function diskMemo(dir: string): TextMemo {
  const memory = memoryMemo()
  const path = (key: string) => join(dir, createHash('sha256').update(key).digest('hex'))
  return {
    get(key) {
      const hit = memory.get(key)
      if (hit !== undefined) return hit
      try {
        const value = readFileSync(path(key), 'utf8')
        memory.set(key, value)
        return value
      } catch {
        return undefined
      }
    },
    set(key, value) {
      memory.set(key, value)
      mkdirSync(dir, { recursive: true })
      const target = path(key)
      writeFileSync(`${target}.${process.pid}`, value)
      renameSync(`${target}.${process.pid}`, target)
    },
  }
}
