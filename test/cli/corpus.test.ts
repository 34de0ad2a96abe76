/**
 * The command-line half of the corpus: each folder in test/fixtures/ with a `cli.txt` (the
 * arguments, one a line) runs the command line in a throwaway copy of the project that already
 * holds a previous `dist/`: `main()` in this process, or, with a `spawn.txt`, `node
 * bin/article.mjs …` in a child process (a few cases, for the entry point itself). Optional `files/` is laid over the copy first and
 * `remove.txt` lists paths to delete. The run must exit 1 (or the code in `exit.txt`), print
 * exactly `messages.txt` on stderr (the copy's path shown as `<project>`, the home folder as
 * `<home>`, their parent as `<work>`), no stack trace, and leave every file of the copy, its dist/ and its parent as
 * they were. Cases that must succeed give `exit.txt` (0), print no error, and `creates.txt` lists
 * paths the run must create. `{home}` in arguments is a fake home folder holding a file.
 */
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { main } from '../../src/cli/main.ts'
import { MANIFEST_NAME, MANIFEST_TEXT } from '../../src/site/output-folder.ts'
import { root } from '../helpers.ts'

const realHome = process.env.HOME

const fixtures = join(root, 'test', 'fixtures')
/** Copied afresh for every case; `src/` is copied once (no case writes to it, and the tree
 * comparison would catch one that did). */
const copied = [
  'bin',
  'scripts',
  'lib',
  'content',
  'templates',
  'package.json',
  'package-lock.json',
]
let work: string
let project: string
let home: string

before(() => {
  work = mkdtempSync(join(tmpdir(), 'article-corpus-'))
  project = join(work, 'project')
  home = join(work, 'home')
  mkdirSync(home)
  writeFileSync(join(home, 'notes.txt'), 'mine\n')
  mkdirSync(project)
  symlinkSync(join(root, 'node_modules'), join(project, 'node_modules'))
  cpSync(join(root, 'src'), join(project, 'src'), { recursive: true })
  // Charts the project already rendered (CI builds before testing) need not be rendered again.
  const charts = join(root, '.cache', 'charts')
  if (existsSync(charts)) cpSync(charts, join(project, '.cache', 'charts'), { recursive: true })
})
after(() => rmSync(work, { recursive: true, force: true }))

/** A fresh copy of the project (src/, the compiled bundle and caches in .cache/ are kept). */
function reset(): void {
  for (const name of readdirSync(project)) {
    if (name !== 'node_modules' && name !== '.cache' && name !== 'src')
      rmSync(join(project, name), { recursive: true, force: true })
  }
  for (const entry of copied) cpSync(join(root, entry), join(project, entry), { recursive: true })
  mkdirSync(join(project, 'dist'))
  writeFileSync(join(project, 'dist', MANIFEST_NAME), MANIFEST_TEXT)
  writeFileSync(join(project, 'dist', 'index.html'), '<p>the previous build</p>\n')
}

/** Every file and folder under `folder` (not following node_modules or .cache) with content. */
function tree(folder: string, into = new Map<string, string>(), prefix = ''): Map<string, string> {
  for (const name of readdirSync(folder).sort()) {
    const path = join(folder, name)
    const key = `${prefix}/${name}`
    const info = lstatSync(path)
    if (name === 'node_modules' || name === '.cache') continue
    if (info.isDirectory()) {
      into.set(key, 'folder')
      tree(path, into, key)
    } else into.set(key, info.isSymbolicLink() ? 'link' : readFileSync(path, 'latin1'))
  }
  return into
}

type Run = { status: number | null; stderr: string }

/** The real command line, in a child process (bin/article.mjs, its bundle and exit code). */
function spawned(args: readonly string[]): Run {
  const run = spawnSync(process.execPath, ['bin/article.mjs', ...args], {
    cwd: project,
    encoding: 'utf8',
    env: { ...process.env, HOME: home, ARTICLE_CODE_VERSION: '' },
  })
  return { status: run.status, stderr: run.stderr }
}

/** `main()` in this process, in the copy, with stderr captured: the same code, no start-up. */
async function inProcess(args: readonly string[]): Promise<Run> {
  const cwd = process.cwd()
  const write = process.stderr.write
  let stderr = ''
  process.chdir(project)
  process.env.HOME = home
  process.stderr.write = ((chunk: string | Uint8Array) => {
    stderr += String(chunk)
    return true
  }) as typeof process.stderr.write
  try {
    const status = await main([...args], { out: () => undefined })
    return { status, stderr }
  } finally {
    process.stderr.write = write
    process.chdir(cwd)
    process.env.HOME = realHome
  }
}

const cases = readdirSync(fixtures)
  .filter((name) => existsSync(join(fixtures, name, 'cli.txt')))
  .sort()

for (const name of cases) {
  test(`cli fixture ${name}`, async () => {
    const dir = join(fixtures, name)
    reset()
    if (existsSync(join(dir, 'remove.txt'))) {
      for (const path of readFileSync(join(dir, 'remove.txt'), 'utf8').split('\n').filter(Boolean))
        rmSync(join(project, path), { recursive: true, force: true })
    }
    if (existsSync(join(dir, 'files'))) cpSync(join(dir, 'files'), project, { recursive: true })
    const args = readFileSync(join(dir, 'cli.txt'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((a) => a.replaceAll('{home}', home))
    const before = tree(work)
    const run = existsSync(join(dir, 'spawn.txt')) ? spawned(args) : await inProcess(args)
    const stderr = run.stderr
      .replaceAll(project, '<project>')
      .replaceAll(home, '<home>')
      .replaceAll(work, '<work>')
    const expectedPath = join(dir, 'messages.txt')
    const exit = existsSync(join(dir, 'exit.txt'))
      ? Number(readFileSync(join(dir, 'exit.txt'), 'utf8'))
      : 1
    // A successful run's warnings (the article's claims) are not this corpus's business.
    if (process.env.UPDATE && !process.env.CI && exit !== 0) writeFileSync(expectedPath, stderr)
    assert.equal(run.status, exit, `exit code; stderr:\n${run.stderr}`)
    if (exit === 0) assert.doesNotMatch(stderr, /: error: /)
    else assert.equal(stderr, readFileSync(expectedPath, 'utf8'))
    assert.doesNotMatch(run.stderr, /\n\s+at [\w.<]+ \(|node:internal/)
    if (exit !== 0) assert.deepEqual(tree(work), before, 'the run changed files')
    const createsPath = join(dir, 'creates.txt')
    if (existsSync(createsPath)) {
      for (const path of readFileSync(createsPath, 'utf8').split('\n').filter(Boolean))
        assert.ok(existsSync(join(project, path)), `the run did not create ${path}`)
    }
  })
}
