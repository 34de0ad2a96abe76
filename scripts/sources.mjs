// What lib/ was compiled from: a hash of every TypeScript source under src/, and the size and
// modification time of each, which bin/article.mjs checks before every command. Statting the
// files takes ~1 ms where reading and hashing them took ~15 ms, at the start of every build; a
// file whose size or time differs, or that was written as late as the record, is hashed again,
// so an edit that restores a file's text still runs (git's index checks its files this way).

import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'

/** Every .ts file under `projectRoot`/src, in a stable order. */
function sourceFiles(projectRoot) {
  const files = []
  const walk = (dir) => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    )
    for (const entry of entries) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) walk(path)
      else if (entry.name.endsWith('.ts')) files.push(path)
    }
  }
  walk(join(projectRoot, 'src'))
  return files
}

/** A hash of every TypeScript source under src/, in a stable order. */
export function sourceHash(projectRoot) {
  const hash = createHash('sha256')
  for (const path of sourceFiles(projectRoot))
    hash.update(path.slice(projectRoot.length)).update(readFileSync(path))
  return hash.digest('hex').slice(0, 16)
}

/** Each source's path (from the project root), size and modification time in milliseconds. */
export function sourceStamp(projectRoot) {
  return sourceFiles(projectRoot).map((path) => {
    const { size, mtimeMs } = statSync(path)
    return [path.slice(projectRoot.length), size, mtimeMs]
  })
}

/**
 * Whether the sources are the ones `stamp` lists, unchanged, by their sizes and times alone:
 * false when a file was added, removed or touched, or written no earlier than `recordedAt` (the
 * record's own time: an edit in the same tick could keep both size and time).
 */
export function stampHolds(projectRoot, stamp, recordedAt) {
  if (!Array.isArray(stamp)) return false
  const now = sourceStamp(projectRoot)
  return (
    now.length === stamp.length &&
    now.every(([path, size, time], i) => {
      const [p, s, t] = stamp[i] ?? []
      return path === p && size === s && time === t && time < recordedAt
    })
  )
}
