/**
 * The output folder is the build's alone: before anything is written, `--out` (or `dist/`) must
 * be absent, empty, or a previous output of this tool (marked by a small manifest written with
 * every build). The project's own folders, the project root, its ancestors and the home folder
 * are refused even with `--force`; a folder holding someone else's files only with `--force`.
 */
import { lstat, readdir, readFile, realpath } from 'node:fs/promises'
import { homedir } from 'node:os'
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import { CliError } from '../diagnostics/errors.ts'
import { messages } from '../diagnostics/messages.ts'
import type { SiteSink } from './sink.ts'
import { stageSite } from './write.ts'

/** The manifest that marks a folder as this tool's output. */
export const MANIFEST_NAME = '.article-build'

/** Its content: fixed, so output stays byte-identical across builds. */
export const MANIFEST_TEXT =
  'This folder is the output of `npm run build` (bin/article.mjs). The next build replaces it entirely.\n'

/**
 * Folders of the project the build must never replace or write into, relative to the root.
 * Data rather than code, so adding a folder is one line.
 */
export const PROTECTED_FOLDERS: readonly string[] = [
  'content',
  'templates',
  'src',
  'test',
  'bin',
  'bench',
  'node_modules',
  '.git',
  '.github',
  '.ci',
  '.cache',
]

export interface OutputCheckOptions {
  /** Replace a folder holding files this tool did not write (never a protected folder). */
  readonly force?: boolean | undefined
}

/** The absolute output folder after checking it may be replaced; throws CliError('--out'). */
export async function checkOutputFolder(
  root: string,
  out: string,
  options: OutputCheckOptions = {},
): Promise<string> {
  const outDir = await canonical(resolve(root, out))
  const project = await canonical(resolve(root))
  const shown = relative(project, outDir) || '.'
  const refuse = (what: string) => {
    const m = messages.outputProtected(shown.startsWith('..') ? outDir : shown, what)
    return new CliError('--out', m.reason, m.hint)
  }
  if (outDir === dirname(outDir)) throw refuse('the file-system root')
  if (outDir === project) throw refuse('the project root')
  if (isInside(project, outDir)) throw refuse('an ancestor of the project')
  const home = await canonical(homedir())
  if (outDir === home || isInside(home, outDir))
    throw refuse('the home folder or an ancestor of it')
  for (const name of PROTECTED_FOLDERS) {
    const folder = join(project, name)
    if (outDir === folder || isInside(outDir, folder)) throw refuse(`the project's ${name}/ folder`)
  }
  const info = await lstat(outDir).catch(() => undefined)
  if (!info) return outDir
  if (!info.isDirectory()) {
    const m = messages.outputNotFolder(shown)
    throw new CliError('--out', m.reason, m.hint)
  }
  const entries = await readdir(outDir)
  if (entries.length === 0 || (await isPreviousOutput(outDir)) || options.force) return outDir
  const m = messages.outputNotOurs(shown)
  throw new CliError('--out', m.reason, m.hint)
}

/**
 * Checks the folder, then writes `files` with the manifest atomically; file-system failures
 * (a read-only parent, a busy mount) become one-line errors at `--out`.
 */
export async function writeOutput(
  root: string,
  out: string,
  files: ReadonlyMap<string, string | Uint8Array>,
  options: OutputCheckOptions = {},
): Promise<string> {
  const site = await stageOutput(root, out, options)
  try {
    for (const [path, content] of files) await site.write(path, content)
    return await site.commit()
  } catch (error) {
    await site.discard()
    throw error
  }
}

/** An output folder being written (site/write.ts); `commit` adds the manifest and swaps it in. */
export interface StagedOutput extends SiteSink {
  /** Puts the staged site in place; returns the output folder's path. */
  commit(): Promise<string>
  discard(): Promise<void>
}

/**
 * Checks the folder and starts writing a site to replace it, file by file as a build finishes
 * them. File-system failures become one-line errors at `--out`.
 */
export async function stageOutput(
  root: string,
  out: string,
  options: OutputCheckOptions = {},
): Promise<StagedOutput> {
  const outDir = await checkOutputFolder(root, out, options)
  const failure = (error: NodeJS.ErrnoException): Error => {
    if (typeof error.code !== 'string') return error
    const m = messages.outputWrite(relative(root, outDir) || outDir, error.code)
    return new CliError('--out', m.reason, m.hint)
  }
  const located = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work()
    } catch (error) {
      throw failure(error as NodeJS.ErrnoException)
    }
  }
  // The output this build replaces is kept beside it, hidden, for the next build to write into.
  const spare = { path: join(dirname(outDir), `.${basename(outDir)}.previous`), isOurs: isMarked }
  const site = await located(() => stageSite(outDir, spare))
  return {
    write: (path, content) => located(() => site.write(path, content)),
    wrote: (paths) => site.wrote?.(paths),
    folder: { path: site.folder.path, reused: site.folder.reused === true, failure },
    commit: () =>
      located(async () => {
        await site.write(MANIFEST_NAME, MANIFEST_TEXT)
        await site.commit()
        return outDir
      }),
    discard: () => site.discard(),
  }
}

async function isPreviousOutput(folder: string): Promise<boolean> {
  return (await isMarked(folder)) || (await isUnmarkedOutput(folder))
}

/** Whether `folder` holds this tool's manifest. */
async function isMarked(folder: string): Promise<boolean> {
  const text = await readFile(join(folder, MANIFEST_NAME), 'utf8').catch(() => undefined)
  return text === MANIFEST_TEXT
}

/**
 * An output written before the manifest existed: `index.html`, `assets/` and page folders
 * holding `figures.json`, and nothing else. Without this, the first build after an update would
 * refuse the `dist/` the previous version wrote.
 */
async function isUnmarkedOutput(folder: string): Promise<boolean> {
  const entries = await readdir(folder, { withFileTypes: true })
  if (!entries.some((e) => e.name === 'index.html' && e.isFile())) return false
  for (const entry of entries) {
    if (entry.name === 'index.html' || (entry.name === 'assets' && entry.isDirectory())) continue
    if (!entry.isDirectory()) return false
    const page = await lstat(join(folder, entry.name, 'figures.json')).catch(() => undefined)
    if (!page?.isFile()) return false
  }
  return true
}

/** True when `inner` lies strictly inside `outer`. */
function isInside(inner: string, outer: string): boolean {
  const rel = relative(outer, inner)
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel)
}

/** The real path of the nearest existing ancestor, with the rest appended (symlinks resolved). */
async function canonical(path: string): Promise<string> {
  const existing = await realpath(path).catch(() => undefined)
  if (existing) return existing
  const parent = dirname(path)
  if (parent === path) return path
  return join(await canonical(parent), basename(path))
}
