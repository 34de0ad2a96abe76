/**
 * Articles built in worker threads (build/workers.ts): the compiled command line on a site of
 * eight articles writes the same bytes with one worker as with none (the worker adopting the
 * first article's draws), and an error in the last article, built by whichever thread took it, or
 * in the first, built while the worker starts, is reported at its line and leaves dist/ as it was.
 */
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { after, before, test } from 'node:test'
import { projectCopy } from '../helpers.ts'

const ARTICLES = 8
let dir: string
before(() => {
  dir = projectCopy('article-workers-')
  const article = readFileSync(join(dir, 'content', 'economics-of-alignment.md'), 'utf8')
  rmSync(join(dir, 'content', 'economics-of-alignment.md'))
  const body = article.replace(/^---[\s\S]*?---\n/, '')
  for (let i = 0; i < ARTICLES; i++)
    writeFileSync(
      join(dir, 'content', `copy-${i}.md`),
      `---\ntitle: "Copy ${String.fromCharCode(65 + i)}"\ndate: 2025-11-1${i}\n---\n${body}`,
    )
})
after(() => rmSync(dir, { recursive: true, force: true }))

const build = (out: string, workers: number) =>
  spawnSync(process.execPath, ['bin/article.mjs', 'build', '--out', out], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, ARTICLE_WORKERS: String(workers) },
  })

/** Every file under `folder`, by relative path, as bytes. */
function tree(folder: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>()
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name)
      if (entry.isDirectory()) walk(path)
      else files.set(relative(folder, path), readFileSync(path))
    }
  }
  walk(folder)
  return files
}

test('one worker thread or none: the same files, byte for byte', () => {
  const alone = build('alone', 0)
  assert.equal(alone.status, 0, alone.stderr)
  const shared = build('shared', 1)
  assert.equal(shared.status, 0, shared.stderr)
  assert.doesNotMatch(alone.stdout, /threads/)
  assert.match(shared.stdout, /articles on 2 threads/)
  const a = tree(join(dir, 'alone'))
  const b = tree(join(dir, 'shared'))
  assert.deepEqual([...b.keys()].sort(), [...a.keys()].sort())
  for (let i = 0; i < ARTICLES; i++) assert.ok(a.has(join(`copy-${i}`, 'index.html')))
  for (const [path, bytes] of a) assert.ok(bytes.equals(b.get(path) as Buffer), `${path} differs`)
})

test('rebuilt into the output it replaced (kept beside it): the same files, none left over', () => {
  // The second build keeps the first one's output as .shared.previous; the third writes into it.
  for (let i = 0; i < 2; i++) assert.equal(build('shared', 1).status, 0)
  assert.ok(tree(join(dir, '.shared.previous')).size > 0)
  assert.equal(build('shared', 1).status, 0)
  const a = tree(join(dir, 'alone'))
  const b = tree(join(dir, 'shared'))
  assert.deepEqual([...b.keys()].sort(), [...a.keys()].sort())
  for (const [path, bytes] of a) assert.ok(bytes.equals(b.get(path) as Buffer), `${path} differs`)
})

test('an error in the last article: located, and the previous output untouched', () => {
  const before = tree(join(dir, 'shared'))
  const last = join(dir, 'content', `copy-${ARTICLES - 1}.md`)
  writeFileSync(last, `${readFileSync(last, 'utf8')}\nAt the end, :val[no.such.figure].\n`)
  const run = build('shared', 1)
  assert.equal(run.status, 1)
  assert.match(run.stderr, new RegExp(`content/copy-${ARTICLES - 1}\\.md:\\d+:\\d+: error:`))
  assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace')
  const after = tree(join(dir, 'shared'))
  assert.deepEqual([...after.keys()].sort(), [...before.keys()].sort())
  for (const [path, bytes] of before) assert.ok(bytes.equals(after.get(path) as Buffer), path)
})

test('an error in the first article, built while the workers start: located, output untouched', () => {
  const before = tree(join(dir, 'shared'))
  const first = join(dir, 'content', 'copy-0.md')
  const text = readFileSync(first, 'utf8')
  writeFileSync(first, `${text}\nAt the end, :val[no.such.figure].\n`)
  const run = build('shared', 1)
  writeFileSync(first, text)
  assert.equal(run.status, 1)
  assert.match(run.stderr, /content\/copy-0\.md:\d+:\d+: error:/)
  assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace')
  const after = tree(join(dir, 'shared'))
  assert.deepEqual([...after.keys()].sort(), [...before.keys()].sort())
  for (const [path, bytes] of before) assert.ok(bytes.equals(after.get(path) as Buffer), path)
})
