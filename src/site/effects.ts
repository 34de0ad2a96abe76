/**
 * The build's window on the world (`BuildEffects`) and its real implementation: files under the
 * project root, git for the commit, a memo in memory, and rendered chart SVGs cached under
 * .cache/charts/ (keyed by spec, data and library versions; safe to delete).
 */
import { execFile } from 'node:child_process'
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { type ChartCacheStore, fsChartCacheStore, rememberingChartStore } from '../charts/cache.ts'
import type { TextMemo } from '../pipeline/rehype-highlight.ts'
import { readSourceText } from '../read/decode.ts'
import { headCommit } from './git-head.ts'

/** What the build reads, and where it keeps what it may reuse. */
export interface BuildEffects {
  /** Text of a file under the project root (a relative, `/`-separated path). */
  readText(path: string): Promise<string>
  /** Names of the files directly in a folder, sorted. */
  list(dir: string): Promise<string[]>
  /** The commit the build comes from. */
  commit(): Promise<string>
  /** Memo for expensive, content-keyed results (highlighting). */
  readonly memo: TextMemo
  /** Cache of rendered chart SVGs, keyed by spec, data and library versions. */
  readonly chartStore: ChartCacheStore
}

/** Effects reading from `root`. */
export function fsEffects(root: string, memo: TextMemo = memoryMemo()): BuildEffects {
  return {
    readText: (path) => readSourceText(root, path),
    list: async (dir) =>
      (await readdir(join(root, dir), { withFileTypes: true }))
        .filter((e) => e.isFile())
        .map((e) => e.name)
        .sort(),
    commit: () => gitCommit(root),
    memo,
    chartStore: rememberingChartStore(fsChartCacheStore(join(root, '.cache', 'charts'))),
  }
}

/**
 * GITHUB_SHA in Actions, else HEAD's commit read from the repository's files (git-head.ts), else
 * `git rev-parse HEAD`, else `unknown` (a tarball).
 */
async function gitCommit(root: string): Promise<string> {
  if (process.env.GITHUB_SHA) return process.env.GITHUB_SHA
  const head = await headCommit(root)
  if (head) return head
  try {
    const { stdout } = await promisify(execFile)('git', ['rev-parse', 'HEAD'], { cwd: root })
    return stdout.trim()
  } catch {
    return 'unknown'
  }
}

/** A memo in memory, for one process (a build, the dev server, tests). */
export function memoryMemo(): TextMemo {
  const map = new Map<string, string>()
  return { get: (key) => map.get(key), set: (key, value) => void map.set(key, value) }
}
