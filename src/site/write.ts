/**
 * Writes a built site atomically: each file goes into a sibling temporary folder as soon as the
 * build finishes it (so the site is never held in memory), and the folder is swapped into place
 * with renames at the end, so a failed or interrupted build never leaves a half-written `dist/`.
 */
import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs'
import { mkdir, rename, rm } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { type FileContent, isTextParts, type SinkFolder, type SiteSink } from './sink.ts'

/** A site being written into `folder`: `commit` puts it in place of `outDir`, `discard` drops it. */
export interface StagedSite extends SiteSink {
  readonly folder: SinkFolder
  commit(): Promise<void>
  discard(): Promise<void>
}

/** Writes each file at its relative path under `folder`, making the folders it needs. */
export function folderWriter(folder: string): SiteSink['write'] {
  // Each folder is made once, also when a page's files are written all at once.
  const folders = new Map<string, Promise<unknown>>()
  return async (path, content) => {
    const target = join(folder, path)
    const parent = dirname(target)
    const made = folders.get(parent) ?? mkdir(parent, { recursive: true })
    folders.set(parent, made)
    await made
    writeNow(target, content)
  }
}

/**
 * Writes a file on the calling thread. A site is thousands of small files, and the build keeps
 * every core busy with pages: fs/promises' writeFile, three trips to libuv's pool (open, write,
 * close), each with its promise, cost more of a core than the three system calls themselves.
 * Text in parts is written part by part, never joined (see TextParts).
 */
function writeNow(target: string, content: FileContent): void {
  if (!isTextParts(content)) {
    writeFileSync(target, content)
    return
  }
  const fd = openSync(target, 'w')
  try {
    writeParts(fd, content.parts, target)
  } finally {
    closeSync(fd)
  }
}

/** Where this thread encodes the string parts of a file, reused from file to file. */
let scratch = Buffer.allocUnsafe(1 << 20)

/**
 * Writes `parts` to `fd`: strings encoded into `scratch` (one system call for many parts, and no
 * fresh memory for any), encoded parts as they are once large enough to be worth a call of their
 * own (figures.json's scenario blocks, shared by the site's pages).
 */
function writeParts(fd: number, parts: readonly (string | Uint8Array)[], target: string): void {
  let used = 0
  const flush = () => {
    writeAll(fd, scratch.subarray(0, used), target)
    used = 0
  }
  for (const part of parts) {
    // UTF-8 takes at most three bytes for each UTF-16 code unit.
    const most = typeof part === 'string' ? part.length * 3 : part.length
    if (used + most > scratch.length) flush()
    if (most > scratch.length) {
      if (typeof part !== 'string') writeAll(fd, part, target)
      else scratch = Buffer.allocUnsafe(most)
    }
    if (typeof part === 'string') used += scratch.write(part, used)
    else if (most <= scratch.length) {
      scratch.set(part, used)
      used += part.length
    }
  }
  flush()
}

function writeAll(fd: number, bytes: Uint8Array, target: string): void {
  for (let at = 0; at < bytes.length; ) {
    const written = writeSync(fd, bytes, at, bytes.length - at)
    // A regular file takes every byte or fails with an error; never loop on nothing written.
    if (written <= 0) throw Object.assign(new Error(`short write to ${target}`), { code: 'EIO' })
    at += written
  }
}

/** Starts writing a site that will replace `outDir`. */
export async function stageSite(outDir: string): Promise<StagedSite> {
  const temp = `${outDir}.tmp-${process.pid}`
  const old = `${outDir}.old-${process.pid}`
  await rm(temp, { recursive: true, force: true })
  await mkdir(temp, { recursive: true })
  return {
    write: folderWriter(temp),
    folder: { path: temp, failure: (error) => error },
    async commit() {
      try {
        await rename(outDir, old).catch((error: NodeJS.ErrnoException) => {
          if (error.code !== 'ENOENT') throw error
        })
        await rename(temp, outDir)
      } finally {
        await rm(temp, { recursive: true, force: true })
        await rm(old, { recursive: true, force: true })
      }
    },
    discard: () => rm(temp, { recursive: true, force: true }),
  }
}

/** Replaces `outDir` with exactly `files`. */
export async function writeSite(
  outDir: string,
  files: ReadonlyMap<string, string | Uint8Array>,
): Promise<void> {
  const site = await stageSite(outDir)
  try {
    for (const [path, content] of files) await site.write(path, content)
    await site.commit()
  } catch (error) {
    await site.discard()
    throw error
  }
}
