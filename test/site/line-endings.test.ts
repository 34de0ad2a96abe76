/**
 * A Windows checkout builds exactly as a Unix one: every input (markdown, YAML, BibTeX, chart
 * JSON, templates, the model's sources) rewritten with CRLF line endings and a UTF-8 BOM gives
 * the same output, byte for byte.
 */

import assert from 'node:assert/strict'
import {
  cpSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, test } from 'node:test'
import { build } from '../../src/build.ts'
import { memoryChartCacheStore } from '../../src/charts/cache.ts'
import { articleCostModel } from '../../src/model/index.ts'
import { fsEffects, memoryMemo } from '../../src/site/effects.ts'
import { root } from '../helpers.ts'

const dir = mkdtempSync(join(tmpdir(), 'article-crlf-'))
after(() => rmSync(dir, { recursive: true, force: true }))

// One chart store for both builds: the same spec and data must hit the same rendering.
const chartStore = memoryChartCacheStore()
const effects = (at: string) => ({
  ...fsEffects(at, memoryMemo()),
  chartStore,
  commit: async () => 'test',
})

/** Rewrites every text file under `folder` with CRLF and a BOM. */
function toWindows(folder: string): void {
  for (const name of readdirSync(folder)) {
    const path = join(folder, name)
    if (statSync(path).isDirectory()) toWindows(path)
    else if (/\.(md|ya?ml|bib|json|njk|ts|css|js)$/.test(name)) {
      const text = readFileSync(path, 'utf8')
      writeFileSync(path, `\uFEFF${text.replace(/\n/g, '\r\n')}`)
    }
  }
}

test('CRLF and a BOM in every input build the same site, byte for byte', async () => {
  // lib/browser: the compiled panel code the build copies to assets/ (not an input).
  for (const entry of ['content', 'templates', 'src', 'lib/browser'])
    cpSync(join(root, entry), join(dir, entry), { recursive: true })
  toWindows(join(dir, 'content'))
  toWindows(join(dir, 'templates'))
  toWindows(join(dir, 'src', 'model'))
  const unix = await build(articleCostModel, { root, samples: 500 }, effects(root))
  const windows = await build(articleCostModel, { root: dir, samples: 500 }, effects(dir))
  assert.deepEqual([...windows.files.keys()].sort(), [...unix.files.keys()].sort())
  for (const [path, content] of unix.files) assert.equal(windows.files.get(path), content, path)
  assert.deepEqual(windows.warnings, unix.warnings)
})
