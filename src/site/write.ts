/**
 * Writes a built site atomically: each file goes into a sibling temporary folder as soon as the
 * build finishes it (so the site is never held in memory), and the folder is swapped into place
 * with renames at the end, so a failed or interrupted build never leaves a half-written `dist/`.
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { isEncodedText, type SinkFolder, type SiteSink } from './sink.ts'

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
    // Encoded text is written part by part, as it is: its parts may be shared with other files.
    await writeFile(target, isEncodedText(content) ? content.utf8 : content)
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
