/**
 * The output a build replaces is kept beside it (`.<out>.previous`) and the next build writes
 * into it (site/write.ts): the same files come out as from an empty folder, files no longer made
 * are removed, and nothing outside the output changes through a hard or symbolic link left in it.
 * Only an output of this tool is kept or reused.
 */
import assert from 'node:assert/strict'
import {
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { after, beforeEach, test } from 'node:test'
import { MANIFEST_NAME, stageOutput, writeOutput } from '../../src/site/output-folder.ts'
import { folderWriter } from '../../src/site/write.ts'

const work = mkdtempSync(join(tmpdir(), 'previous-output-'))
after(() => rmSync(work, { recursive: true, force: true }))
let project: string
beforeEach(() => {
  project = mkdtempSync(join(work, 'project-'))
})

const spare = () => join(project, '.site.previous')

/** Every file under `folder` with its text. */
function tree(folder: string): Record<string, string> {
  const files: Record<string, string> = {}
  for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true }))
    if (entry.isFile()) {
      const path = join(entry.parentPath, entry.name)
      files[relative(folder, path)] = readFileSync(path, 'utf8')
    }
  return files
}

const build = (files: Record<string, string>) =>
  writeOutput(project, 'site', new Map(Object.entries(files)))

const first = {
  'index.html': 'a long first index page',
  'gone/index.html': 'an article that goes',
  'kept/index.html': 'kept',
  'kept/old.svg': 'a chart that goes',
  'kept/charts/one.svg': 'one',
}
const second = {
  'index.html': 'short',
  'kept/index.html': 'kept, longer than before',
  'kept/charts/two.svg': 'two',
  'new/index.html': 'new',
}

test('the third build writes into the first one’s output: the same files as from nothing', async () => {
  await build(first)
  assert.ok(!existsSync(spare()), 'nothing to keep after the first build')
  await build(second)
  assert.deepEqual(tree(spare()), { ...first, [MANIFEST_NAME]: tree(spare())[MANIFEST_NAME] })
  const reused = statSync(join(spare(), 'kept', 'index.html')).ino
  await build(second)
  // The first output's files were written over in place, cut or grown to their new length, and
  // the files and folders the build no longer makes are gone.
  assert.equal(statSync(join(project, 'site', 'kept', 'index.html')).ino, reused)
  assert.deepEqual(tree(join(project, 'site')), tree(spare()))
  assert.deepEqual(Object.keys(tree(join(project, 'site'))).sort(), [
    MANIFEST_NAME,
    'index.html',
    'kept/charts/two.svg',
    'kept/index.html',
    'new/index.html',
  ])
  assert.equal(readFileSync(join(project, 'site', 'index.html'), 'utf8'), 'short')
  assert.ok(!existsSync(join(project, 'site', 'gone')))
  assert.ok(!existsSync(join(project, 'site', 'kept', 'charts', 'one.svg')))
})

test('a hard link or a symbolic link left in the previous output changes nothing outside it', async () => {
  await build(first)
  await build(first)
  const outside = join(project, 'backup.html')
  linkSync(join(spare(), 'index.html'), outside) // a backup made with `cp -al`
  const secret = join(project, 'secret.txt')
  writeFileSync(secret, 'mine')
  rmSync(join(spare(), 'kept', 'index.html'))
  symlinkSync(secret, join(spare(), 'kept', 'index.html'))
  rmSync(join(spare(), 'kept', 'charts'), { recursive: true })
  symlinkSync(project, join(spare(), 'kept', 'charts'))
  await build(second)
  assert.equal(readFileSync(outside, 'utf8'), first['index.html'])
  assert.equal(readFileSync(secret, 'utf8'), 'mine')
  assert.ok(!existsSync(join(project, 'two.svg')), 'nothing written through the linked folder')
  assert.equal(readFileSync(join(project, 'site', 'index.html'), 'utf8'), 'short')
  assert.ok(lstatSync(join(project, 'site', 'kept', 'charts')).isDirectory())
  assert.equal(readFileSync(join(project, 'site', 'kept', 'charts', 'two.svg'), 'utf8'), 'two')
})

test('a folder where a file goes, and a file where a folder goes, are the previous output’s', async () => {
  await build({ 'a/index.html': 'a folder', b: 'a file' })
  await build({ 'a/index.html': 'a folder', b: 'a file' })
  await build({ a: 'now a file', 'b/index.html': 'now a folder' })
  assert.deepEqual(
    { ...tree(join(project, 'site')), [MANIFEST_NAME]: '' },
    { a: 'now a file', 'b/index.html': 'now a folder', [MANIFEST_NAME]: '' },
  )
})

test('files a worker thread wrote into the folder are kept; the sink is told of them', async () => {
  await build(first)
  await build(first)
  const site = await stageOutput(project, 'site')
  assert.equal(site.folder?.reused, true)
  const write = folderWriter(site.folder?.path as string, true)
  await write('kept/charts/one.svg', 'from a worker')
  site.wrote?.(['kept/charts/one.svg'])
  await write('kept/old.svg', 'written, but the sink is not told')
  await site.write('index.html', 'index')
  await site.commit()
  assert.equal(
    readFileSync(join(project, 'site', 'kept', 'charts', 'one.svg'), 'utf8'),
    'from a worker',
  )
  assert.ok(!existsSync(join(project, 'site', 'kept', 'old.svg')))
})

test('a long text written again is a hard link to its first file, never written through', async () => {
  const chart = `<svg>${'a drawing shared by two articles '.repeat(200)}</svg>`
  const other = `<svg>${'another drawing '.repeat(400)}</svg>`
  const site = (name: string) => join(project, 'site', name)
  const files = {
    'one/chart.svg': chart,
    'two/chart.svg': chart,
    'one/a': 'short',
    'two/a': 'short',
  }
  await build(files)
  assert.equal(statSync(site('two/chart.svg')).ino, statSync(site('one/chart.svg')).ino)
  assert.equal(statSync(site('one/chart.svg')).nlink, 2)
  assert.equal(statSync(site('two/a')).nlink, 1, 'short texts are written')
  await build(files)
  // Written into the previous output, whose copies are one file: changing one copy must not
  // change the other through the link, whichever is written first.
  await build({ 'one/chart.svg': other, 'two/chart.svg': chart, 'three/chart.svg': chart })
  assert.equal(readFileSync(site('one/chart.svg'), 'utf8'), other)
  assert.equal(readFileSync(site('two/chart.svg'), 'utf8'), chart)
  assert.equal(statSync(site('three/chart.svg')).ino, statSync(site('two/chart.svg')).ino)
  assert.equal(statSync(site('one/chart.svg')).nlink, 1)
  await build({ 'two/chart.svg': other, 'one/chart.svg': chart, 'three/chart.svg': other })
  assert.equal(readFileSync(site('one/chart.svg'), 'utf8'), chart)
  assert.equal(readFileSync(site('two/chart.svg'), 'utf8'), other)
  assert.equal(statSync(site('three/chart.svg')).ino, statSync(site('two/chart.svg')).ino)
  assert.equal(readFileSync(join(spare(), 'one', 'chart.svg'), 'utf8'), other)
  // A link takes the place of the previous output's file.
  await build({ 'two/chart.svg': other, 'three/chart.svg': other })
  assert.equal(statSync(site('three/chart.svg')).ino, statSync(site('two/chart.svg')).ino)
  assert.equal(readFileSync(site('three/chart.svg'), 'utf8'), other)
})

test('a folder without the manifest is neither used nor kept, nor is a link to one', async () => {
  mkdirSync(spare())
  writeFileSync(join(spare(), 'notes.txt'), 'a folder of the user’s that happens to be there')
  await build(first)
  await build(second)
  assert.deepEqual(tree(spare()), {
    'notes.txt': 'a folder of the user’s that happens to be there',
  })
  rmSync(spare(), { recursive: true })
  // A link to a previous output: not followed, not used.
  await build(first)
  await build(first)
  const elsewhere = join(project, 'elsewhere')
  const kept = tree(spare())
  rmSync(elsewhere, { recursive: true, force: true })
  await import('node:fs/promises').then((fs) => fs.rename(spare(), elsewhere))
  symlinkSync(elsewhere, spare())
  await build(second)
  assert.deepEqual(tree(elsewhere), kept)
  // A folder of other files replaced with --force is removed, as before, not kept.
  rmSync(join(project, 'site'), { recursive: true })
  rmSync(spare())
  mkdirSync(join(project, 'site'))
  writeFileSync(join(project, 'site', 'theirs.txt'), 'x')
  await writeOutput(project, 'site', new Map([['index.html', 'x']]), { force: true })
  assert.ok(!existsSync(spare()))
})
