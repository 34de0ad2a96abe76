/**
 * The output folder is the build's alone: which folders `checkOutputFolder` accepts, which it
 * refuses (with and without --force), and that write failures become `--out` errors.
 */
import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { CliError } from '../../src/diagnostics/errors.ts'
import {
  checkOutputFolder,
  MANIFEST_NAME,
  MANIFEST_TEXT,
  PROTECTED_FOLDERS,
  stageOutput,
  writeOutput,
} from '../../src/site/output-folder.ts'
import { folderWriter } from '../../src/site/write.ts'

let work: string
let project: string
const home = process.env.HOME
before(() => {
  work = mkdtempSync(join(tmpdir(), 'article-out-'))
  project = join(work, 'project')
  for (const name of PROTECTED_FOLDERS) mkdirSync(join(project, name), { recursive: true })
  mkdirSync(join(work, 'home'))
  process.env.HOME = join(work, 'home')
})
after(() => {
  process.env.HOME = home
  rmSync(work, { recursive: true, force: true })
})

const refused = async (out: string, force = false) =>
  assert.rejects(checkOutputFolder(project, out, { force }), (error: unknown) => {
    assert.ok(error instanceof CliError)
    assert.equal(error.flag, '--out')
    return true
  })

describe('accepted output folders', () => {
  test('absent, also nested', async () => {
    assert.equal(await checkOutputFolder(project, 'dist'), join(project, 'dist'))
    await checkOutputFolder(project, 'a/b/c')
  })
  test('empty', async () => {
    mkdirSync(join(project, 'empty'))
    await checkOutputFolder(project, 'empty')
  })
  test('a previous output (manifest)', async () => {
    mkdirSync(join(project, 'ours'))
    writeFileSync(join(project, 'ours', MANIFEST_NAME), MANIFEST_TEXT)
    writeFileSync(join(project, 'ours', 'index.html'), 'old')
    await checkOutputFolder(project, 'ours')
  })
  test('an output written before the manifest existed', async () => {
    mkdirSync(join(project, 'legacy', 'assets'), { recursive: true })
    mkdirSync(join(project, 'legacy', 'page'))
    writeFileSync(join(project, 'legacy', 'index.html'), 'old')
    writeFileSync(join(project, 'legacy', 'page', 'figures.json'), '{}')
    await checkOutputFolder(project, 'legacy')
  })
  test('a folder of other files with --force', async () => {
    mkdirSync(join(project, 'others'))
    writeFileSync(join(project, 'others', 'notes.txt'), 'mine')
    await refused('others')
    await checkOutputFolder(project, 'others', { force: true })
  })
})

describe('refused output folders', () => {
  test('the project, its ancestors, the file-system root and the home folder', async () => {
    for (const out of ['.', '..', '/', work, join(work, 'home')]) {
      await refused(out)
      await refused(out, true)
    }
  })
  test('every protected folder and anything inside one, even with --force', async () => {
    for (const name of PROTECTED_FOLDERS) {
      await refused(name, true)
      await refused(`${name}/sub`, true)
    }
  })
  test('a symlink to a protected folder', async () => {
    symlinkSync(join(project, 'content'), join(project, 'sneaky'))
    await refused('sneaky', true)
  })
  test('a file', async () => {
    writeFileSync(join(project, 'file.txt'), 'x')
    await refused('file.txt', true)
  })
})

test('a write that fails (the parent is a file) is an --out error, and nothing is left', async () => {
  writeFileSync(join(project, 'parent-file'), 'x')
  await assert.rejects(
    writeOutput(project, 'parent-file/site', new Map([['index.html', 'x']])),
    (error: unknown) => error instanceof CliError && error.flag === '--out',
  )
})

test('a build writes the manifest, and the next build may replace its output', async () => {
  await writeOutput(project, 'site', new Map([['index.html', 'one']]))
  await writeOutput(project, 'site', new Map([['index.html', 'two']]))
  await checkOutputFolder(project, 'site')
})

test('the staged folder takes files written there by another writer, as worker threads do', async () => {
  const site = await stageOutput(project, 'staged')
  const folder = site.folder
  assert.ok(folder)
  // A page's files all at once, into folders that do not exist yet.
  const write = folderWriter(folder.path)
  const files = Array.from({ length: 12 }, (_, i) => [`page/charts/c${i}.svg`, `<svg>${i}</svg>`])
  await Promise.all(files.map(([path, text]) => write(path as string, text as string)))
  await site.write('index.html', 'index')
  await site.commit()
  for (const [path, text] of files)
    assert.equal(readFileSync(join(project, 'staged', path as string), 'utf8'), text)
  assert.equal(readFileSync(join(project, 'staged', 'index.html'), 'utf8'), 'index')
})

test("a worker's failed write becomes the same --out error as the sink's own", async () => {
  const site = await stageOutput(project, 'failing')
  try {
    writeFileSync(join(site.folder?.path as string, 'page'), 'a file where a folder goes')
    const failed = await folderWriter(site.folder?.path as string)('page/index.html', 'x').then(
      () => assert.fail('the write should fail'),
      (error: NodeJS.ErrnoException) => error,
    )
    const error = site.folder?.failure(failed)
    assert.ok(error instanceof CliError)
    assert.equal(error.flag, '--out')
    await assert.rejects(site.write('page/other.html', 'x'), (own: unknown) => {
      assert.ok(own instanceof CliError)
      assert.equal(own.message, error.message)
      return true
    })
  } finally {
    await site.discard()
  }
})
