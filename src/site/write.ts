/**
 * Writes a built site atomically: each file goes into a sibling temporary folder as soon as the
 * build finishes it (so the site is never held in memory), and the folder is swapped into place
 * with renames at the end, so a failed or interrupted build never leaves a half-written `dist/`.
 *
 * The output the swap replaces is not deleted: it is kept beside the output folder (`spare`, such
 * as `.dist.previous`) and the next build writes into it, overwriting its files in place and
 * removing those it no longer makes. A build of a thousand pages writes 24,000 files; on these
 * machines (ext4 without a journal, mounted with `discard`) deleting the previous ones took
 * ~0.8 s, and creating new files just after a delete made the kernel skip the recently freed
 * inodes one by one: the build's system time went from 6.7 to 3.4 s. Eleventy, for comparison,
 * writes over its `_site` in place; the spare keeps that speed and the atomic swap.
 */
import {
  closeSync,
  constants,
  fstatSync,
  ftruncateSync,
  linkSync,
  openSync,
  rmSync,
  writeSync,
} from 'node:fs'
import { lstat, mkdir, readdir, rename, rm } from 'node:fs/promises'
import { dirname, join, posix, relative, sep } from 'node:path'
import { RecentMap } from '../memo.ts'
import { type FileContent, isTextParts, type SinkFolder, type SiteSink } from './sink.ts'

/** A site being written into `folder`: `commit` puts it in place of `outDir`, `discard` drops it. */
export interface StagedSite extends SiteSink {
  readonly folder: SinkFolder
  commit(): Promise<void>
  discard(): Promise<void>
}

/** Where stageSite keeps the replaced output for the next build, and how it knows its own. */
export interface SpareOptions {
  /** The folder the replaced output is kept in, beside the output folder. */
  readonly path: string
  /** Whether a folder is an output this tool wrote (only such a folder is reused or kept). */
  readonly isOurs: (folder: string) => Promise<boolean>
}

/**
 * Writes each file at its relative path under `folder`, making the folders it needs. In a
 * `reused` folder (a previous output, see stageSite) a folder where a file goes, or a file where
 * a folder goes, is the previous output's and is removed; elsewhere it is an error.
 */
export function folderWriter(folder: string, reused = false): SiteSink['write'] {
  // Each folder is made once, also when a page's files are written all at once.
  const folders = new Map<string, Promise<unknown>>()
  const repeated = new RecentMap<string, string>(REMEMBERED_TEXTS)
  return async (path, content) => {
    const target = join(folder, path)
    const parent = dirname(target)
    const made = folders.get(parent) ?? makeFolder(folder, parent, reused)
    folders.set(parent, made)
    await made
    const text = typeof content === 'string' && content.length >= LINKED_TEXT ? content : undefined
    const same = text === undefined ? undefined : repeated.get(text)
    if (same !== undefined && linkNow(same, target, reused)) return
    writeNow(target, content, reused)
    if (text !== undefined) repeated.set(text, target)
  }
}

/**
 * Texts at least this long are remembered, by the last REMEMBERED_TEXTS files written with them,
 * and written again as a hard link to that file. The pages of a site often hold the same files
 * (the drawings of a chart shared by its articles): a link costs a directory entry instead of a
 * new file and its bytes.
 */
const LINKED_TEXT = 4096
const REMEMBERED_TEXTS = 64

/**
 * Makes `target` a hard link to `existing`; false when the file system cannot (the file is then
 * written as usual). In a reused folder, whatever is at `target` is the previous output's.
 */
function linkNow(existing: string, target: string, reused: boolean): boolean {
  try {
    if (reused) rmSync(target, { recursive: true, force: true })
    linkSync(existing, target)
    return true
  } catch {
    return false
  }
}

/** Makes `parent` (inside `folder`); in a reused folder, a file in its way is removed first. */
async function makeFolder(folder: string, parent: string, reused: boolean): Promise<void> {
  try {
    await mkdir(parent, { recursive: true })
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (!reused || (code !== 'EEXIST' && code !== 'ENOTDIR')) throw error
    // The nearest file on the way, from the top: a previous output's file where a folder goes.
    const steps = relative(folder, parent).split(sep)
    for (let i = 1; i <= steps.length; i++) {
      const at = join(folder, ...steps.slice(0, i))
      const info = await lstat(at).catch(() => undefined)
      if (info && !info.isDirectory()) await rm(at, { force: true })
    }
    await mkdir(parent, { recursive: true })
  }
}

/** Opening an existing file to overwrite it, never through a symbolic link (where it exists). */
const OVERWRITE = constants.O_RDWR | (constants.O_NOFOLLOW ?? 0)

/**
 * A file descriptor to write `target` from its start, and the length it had (0 for a new file).
 * A previous output's file is overwritten in place only when it is a regular file with no other
 * name: a hard link made elsewhere (a backup with `cp -al`) would change with it, so that name is
 * removed and a new file made. Anything else in its way in a reused folder is removed.
 */
function openTarget(target: string, reused: boolean): { fd: number; size: number } {
  if (!reused) return { fd: openSync(target, 'w'), size: 0 }
  const replaced = () => {
    rmSync(target, { recursive: true, force: true })
    return { fd: openSync(target, 'w'), size: 0 }
  }
  let fd: number
  try {
    fd = openSync(target, OVERWRITE)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return { fd: openSync(target, 'w'), size: 0 }
    return replaced()
  }
  const info = fstatSync(fd)
  if (info.isFile() && info.nlink === 1) return { fd, size: info.size }
  closeSync(fd)
  return replaced()
}

/**
 * Writes a file on the calling thread. A site is thousands of small files, and the build keeps
 * every core busy with pages: fs/promises' writeFile, three trips to libuv's pool (open, write,
 * close), each with its promise, cost more of a core than the three system calls themselves.
 * Text is encoded into a buffer the thread reuses, text in parts part by part, never joined
 * (see TextParts). An overwritten file is cut to its new length.
 */
function writeNow(target: string, content: FileContent, reused: boolean): void {
  const { fd, size } = openTarget(target, reused)
  try {
    const written =
      typeof content === 'string'
        ? writeParts(fd, [content], target)
        : isTextParts(content)
          ? writeParts(fd, content.parts, target)
          : writeAll(fd, content, target)
    if (size > written) ftruncateSync(fd, written)
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
function writeParts(fd: number, parts: readonly (string | Uint8Array)[], target: string): number {
  let used = 0
  let total = 0
  const flush = () => {
    total += writeAll(fd, scratch.subarray(0, used), target)
    used = 0
  }
  for (const part of parts) {
    // UTF-8 takes at most three bytes for each UTF-16 code unit.
    const most = typeof part === 'string' ? part.length * 3 : part.length
    if (used + most > scratch.length) flush()
    if (most > scratch.length) {
      if (typeof part !== 'string') total += writeAll(fd, part, target)
      else scratch = Buffer.allocUnsafe(most)
    }
    if (typeof part === 'string') used += scratch.write(part, used)
    else if (most <= scratch.length) {
      scratch.set(part, used)
      used += part.length
    }
  }
  flush()
  return total
}

/** Writes every byte of `bytes`; returns how many. */
function writeAll(fd: number, bytes: Uint8Array, target: string): number {
  for (let at = 0; at < bytes.length; ) {
    const written = writeSync(fd, bytes, at, bytes.length - at)
    // A regular file takes every byte or fails with an error; never loop on nothing written.
    if (written <= 0) throw Object.assign(new Error(`short write to ${target}`), { code: 'EIO' })
    at += written
  }
  return bytes.length
}

/**
 * Starts writing a site that will replace `outDir`: into the previous output kept in
 * `spare.path` when there is one of ours (see the top of this file), else into a new folder.
 */
export async function stageSite(outDir: string, spare?: SpareOptions): Promise<StagedSite> {
  const temp = `${outDir}.tmp-${process.pid}`
  const old = `${outDir}.old-${process.pid}`
  await rm(temp, { recursive: true, force: true })
  const listing = spare && (await claimSpare(spare, temp)) ? await previousFiles(temp) : undefined
  if (!listing) await mkdir(temp, { recursive: true })
  const reused = listing !== undefined
  const write = folderWriter(temp, reused)
  // Every file this build wrote, by path, worker threads' too: the rest of a reused folder goes.
  const written = new Set<string>()
  return {
    write: (path, content) => {
      written.add(path)
      return write(path, content)
    },
    wrote: (paths) => {
      for (const path of paths) written.add(path)
    },
    folder: { path: temp, reused, failure: (error) => error },
    async commit() {
      try {
        if (listing) await removeUnwritten(temp, listing, written)
        const replaced = await rename(outDir, old).then(
          () => true,
          (error: NodeJS.ErrnoException) => {
            if (error.code !== 'ENOENT') throw error
            return false
          },
        )
        await rename(temp, outDir)
        if (replaced && spare) await keepSpare(old, spare)
      } finally {
        await rm(temp, { recursive: true, force: true })
        await rm(old, { recursive: true, force: true })
      }
    },
    discard: () => rm(temp, { recursive: true, force: true }),
  }
}

/** Takes the kept output as the folder to write into; false when there is none of ours. */
async function claimSpare(spare: SpareOptions, temp: string): Promise<boolean> {
  const info = await lstat(spare.path).catch(() => undefined)
  // A symbolic link is not followed: the build would write wherever it points.
  if (!info?.isDirectory() || !(await spare.isOurs(spare.path))) return false
  // A rename, so two builds at once never both take it.
  return rename(spare.path, temp).then(
    () => true,
    () => false,
  )
}

/** A previous output's files and folders, by relative path with `/`. */
interface Listing {
  readonly files: readonly string[]
  readonly folders: readonly string[]
}

/**
 * The files and folders of a previous output in `folder`. Anything else found there (a symbolic
 * link, a pipe) is removed first: writing through it could reach a file outside the output.
 */
async function previousFiles(folder: string): Promise<Listing> {
  const files: string[] = []
  const folders: string[] = []
  for (const entry of await readdir(folder, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath, entry.name)
    const name = relative(folder, path).split(sep).join('/')
    if (entry.isFile()) files.push(name)
    else if (entry.isDirectory()) folders.push(name)
    else await rm(path, { force: true })
  }
  return { files, folders }
}

/** Removes the previous output's files and folders this build did not write into. */
async function removeUnwritten(
  folder: string,
  listing: Listing,
  written: ReadonlySet<string>,
): Promise<void> {
  const holding = new Set<string>(['.'])
  for (const path of written)
    for (let at = posix.dirname(path); !holding.has(at); at = posix.dirname(at)) holding.add(at)
  // What this build wrote at a path, a file or a folder holding files, stays whatever it was.
  const stays = (path: string) => written.has(path) || holding.has(path)
  // A folder with nothing written goes whole, from its topmost such folder.
  for (const path of listing.folders)
    if (!stays(path) && holding.has(posix.dirname(path)))
      await rm(join(folder, path), { recursive: true, force: true })
  for (const path of listing.files)
    if (!stays(path) && holding.has(posix.dirname(path)))
      await rm(join(folder, path), { force: true })
}

/** Keeps the replaced output `old` as the spare, if it is ours and the place is free. */
async function keepSpare(old: string, spare: SpareOptions): Promise<void> {
  if (!(await spare.isOurs(old))) return
  if (await lstat(spare.path).catch(() => undefined)) return
  // Taken meanwhile by another build, or on another device: `old` is removed instead.
  await rename(old, spare.path).catch(() => undefined)
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
