/**
 * `npm run dev` reloads the model from src/model/: a fresh bundle, run anew, so edited
 * inputs reach the next build; a model that does not compile is a located error.
 */
import assert from 'node:assert/strict'
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, test } from 'node:test'
import { loadFreshModel } from '../../src/cli/model-loader.ts'
import { BuildFailure } from '../../src/diagnostics/report.ts'
import { root } from '../helpers.ts'

const dir = mkdtempSync(join(tmpdir(), 'model-loader-'))
cpSync(join(root, 'src'), join(dir, 'src'), { recursive: true })
symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'))
after(() => rmSync(dir, { recursive: true, force: true }))

test('an edited input is in the freshly loaded model', async () => {
  const inputs = join(dir, 'src/model/inputs.ts')
  const text = readFileSync(inputs, 'utf8')
  const before = await loadFreshModel(dir)
  const price = (model: typeof before) => model.inputs.find((i) => i.id === 'price.gpuHour')?.value
  assert.equal(price(before), 2.5)
  writeFileSync(inputs, text.replace(/\b2\.5\b/, '1.25'))
  assert.equal(price(await loadFreshModel(dir)), 1.25)
  writeFileSync(inputs, text)
})

test('an edit that leaves the bundled code the same keeps the model object (and its session)', async () => {
  const inputs = join(dir, 'src/model/inputs.ts')
  const text = readFileSync(inputs, 'utf8')
  const before = await loadFreshModel(dir)
  writeFileSync(inputs, `${text}\n// a comment only\n`)
  assert.equal(await loadFreshModel(dir), before)
  writeFileSync(inputs, text.replace(/\b2\.5\b/, '1.25'))
  assert.notEqual(await loadFreshModel(dir), before)
  writeFileSync(inputs, text)
})

test('a model that does not compile is an error at its line, with the model-compile rule', async () => {
  const inputs = join(dir, 'src/model/inputs.ts')
  const text = readFileSync(inputs, 'utf8')
  writeFileSync(inputs, `${text}\nexport const broken = (\n`)
  const failure = await loadFreshModel(dir).catch((error: unknown) => error)
  writeFileSync(inputs, text)
  assert.ok(failure instanceof BuildFailure)
  assert.equal(failure.diagnostics[0]?.ruleId, 'model-compile')
  assert.match(failure.diagnostics[0]?.place ?? '', /^src\/model\/inputs\.ts:\d+:\d+$/)
})
