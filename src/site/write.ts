/**
 * Writes a built site atomically: into a sibling temporary folder first, then swapped into
 * place with renames, so a failed or interrupted build never leaves a half-written `dist/`.
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'

/** Replaces `outDir` with exactly `files`. */
export async function writeSite(
  outDir: string,
  files: ReadonlyMap<string, string | Uint8Array>,
): Promise<void> {
  const temp = `${outDir}.tmp-${process.pid}`
  const old = `${outDir}.old-${process.pid}`
  await rm(temp, { recursive: true, force: true })
  try {
    for (const [path, content] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const target = join(temp, path)
      await mkdir(dirname(target), { recursive: true })
      await writeFile(target, content)
    }
    await rename(outDir, old).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error
    })
    await rename(temp, outDir)
  } finally {
    await rm(temp, { recursive: true, force: true })
    await rm(old, { recursive: true, force: true })
  }
}
