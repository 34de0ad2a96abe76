/**
 * The commit HEAD points at, read from the repository's files as `git rev-parse HEAD` finds it:
 * the `.git` folder of the project or of a folder above it (or the folder a `.git` file names,
 * for a worktree), HEAD there, and the branch it names among the loose refs or in packed-refs
 * of the common folder. Starting git cost the build's main thread ~20 ms (a fork of a process
 * that has the command line loaded) before it could send the chart worker its first drawing.
 * Anything else (GIT_DIR set, the reftable format, a ref that is a symbolic ref again) gives
 * undefined, and the caller asks git itself.
 */
import { readFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'

const OBJECT_ID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/

export async function headCommit(root: string): Promise<string | undefined> {
  if (process.env.GIT_DIR !== undefined) return undefined
  const gitDir = await findGitDir(resolve(root))
  if (!gitDir) return undefined
  const head = (await read(join(gitDir, 'HEAD')))?.trim()
  if (!head) return undefined
  if (OBJECT_ID.test(head)) return head
  const ref = /^ref: (refs\/[^\s]+)$/.exec(head)?.[1]
  if (!ref) return undefined
  // A worktree keeps its HEAD and its own refs in its folder, branches in the common one.
  const common = (await read(join(gitDir, 'commondir')))?.trim()
  const commonDir = common ? resolve(gitDir, common) : gitDir
  for (const dir of new Set([gitDir, commonDir])) {
    const loose = (await read(join(dir, ref)))?.trim()
    if (loose !== undefined) return OBJECT_ID.test(loose) ? loose : undefined
  }
  const packed = await read(join(commonDir, 'packed-refs'))
  for (const line of packed?.split('\n') ?? []) {
    const [id, name] = line.split(' ')
    if (name === ref && id && OBJECT_ID.test(id)) return id
  }
  return undefined
}

/** The `.git` folder of `dir` or of the nearest folder above it that has one. */
async function findGitDir(dir: string): Promise<string | undefined> {
  for (let at = dir; ; at = dirname(at)) {
    const dotGit = join(at, '.git')
    if ((await read(join(dotGit, 'HEAD'))) !== undefined) return dotGit
    // A worktree's `.git` is a file naming its folder.
    const file = await read(dotGit)
    const named = file === undefined ? undefined : /^gitdir: (.+)$/m.exec(file)?.[1]
    if (named) return resolve(at, named.trim())
    if (dirname(at) === at) return undefined
  }
}

async function read(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8')
  } catch {
    return undefined
  }
}
