/**
 * One model, not two: the page recomputed by the browser engine (src/browser/engine.ts, the code
 * the panel runs) at 50 seeded random input vectors shows exactly the strings `build --set`
 * writes, number by number and claim by claim.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { createEngine } from '../../src/browser/engine.ts'
import { build } from '../../src/build.ts'
import { articleCostModel, articleModel } from '../../src/model/index.ts'
import { fsEffects } from '../../src/site/effects.ts'
import type { PageTable } from '../../src/whatif/types.ts'
import { root } from '../helpers.ts'
import { random, randomVector, shownTexts } from './vectors.ts'

const SLUG = 'economics-of-alignment'

test('the engine shows what build --set writes, at 50 random input vectors', async () => {
  // Required claims would stop the build at inputs where they fail; the page marks them instead.
  // Built as warnings here, so every vector compares a whole page.
  const disk = fsEffects(root)
  const effects = {
    ...disk,
    readText: async (path: string) => {
      const text = await disk.readText(path)
      if (!path.endsWith('.md')) return text
      // Charts are left out (their captions stay, as paragraphs): rendering them is most of a
      // build's time. test/charts/article-inputs.test.ts draws the heatmap at these vectors.
      return text.replace(/\{required /g, '{').replace(/^::chart\[(.*)\]\{src="[^"]*"\}$/gm, '$1')
    },
  }
  const base = await build(articleCostModel, { root, samples: 50 }, effects)
  const table = JSON.parse(base.files.get(`${SLUG}/whatif.json`) ?? '') as PageTable
  const engine = createEngine(articleCostModel, articleModel, table)
  const authors = engine.compute(new Map())
  assert.ok(authors.ok)
  assert.deepEqual(authors.texts, shownTexts(base.files.get(`${SLUG}/index.html`) ?? ''))
  const next = random(11)
  for (let i = 0; i < 50; i++) {
    const values = randomVector(next, table)
    const state = engine.compute(values)
    const settings = [...values].map(([id, v]) => `${id}=${v}`)
    const built = await build(articleCostModel, { root, settings, samples: 50 }, effects).catch(
      (error: unknown) => {
        const diagnostics = (error as { diagnostics?: { reason: string }[] }).diagnostics
        throw new Error(`${settings.join(' ')}: ${diagnostics?.map((d) => d.reason).join('; ')}`)
      },
    )
    assert.ok(state.ok, `${settings.join(' ')}: ${!state.ok && state.message}`)
    const html = built.files.get(`${SLUG}/index.html`) ?? ''
    assert.deepEqual(state.texts, shownTexts(html), settings.join(' '))
    const claims = JSON.parse(built.files.get(`${SLUG}/claims.json`) ?? '[]') as {
      holds: boolean
    }[]
    assert.deepEqual(
      state.holds,
      claims.map((c) => c.holds),
      settings.join(' '),
    )
  }
})
