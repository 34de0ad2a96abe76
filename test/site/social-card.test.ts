/**
 * The social card's cut fonts (lib/fonts/, made by `npm run compile`): a card they can draw is
 * drawn pixel for pixel as the whole fonts draw it, ligatures, contextual alternates and kerning
 * included, and a card with a character they lack is drawn with the whole fonts. resvg-js is
 * loaded without node's diagnostic report, which stops every worker thread.
 */
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { test } from 'node:test'
import { Resvg } from '@resvg/resvg-js'
import { fontsFor, socialCardFonts, socialCardSvg } from '../../src/site/social-card.ts'
import { root } from '../helpers.ts'

const draw = (svg: string, fonts: string[]): Buffer =>
  Buffer.from(
    new Resvg(svg, {
      fitTo: { mode: 'original' },
      font: { loadSystemFonts: false, fontFiles: fonts, defaultFontFamily: 'Inter' },
    }).render().pixels,
  )

const card = (title: string, summary: string) =>
  socialCardSvg({ siteTitle: 'The series', title, summary, dateLabel: '13 November 2025' })

test('the compile made the cut fonts', () => {
  assert.ok(existsSync(`${root}/lib/fonts/characters.txt`), 'run `npm run compile`')
  const whole = socialCardFonts()
  const cut = fontsFor(card('A title', 'A summary'))
  assert.equal(cut.length, 2)
  assert.notDeepEqual(cut, whole)
})

test('a card the cut fonts can draw comes out as the whole fonts draw it', () => {
  const cards = [
    card(
      'The Economics of Alignment: Why RLAIF Delivers 11× Cost Reduction',
      'A quantitative case study — human labels vs. synthetic ones, 10:30 -> 11:45, ≈ $3,272…',
    ),
    card(
      'Œuvre «complète» — Ünïcödé façade, “quotes”, ‘single’ & <tags>',
      'Arrows ← → ↑ ↓ ⇒, math ≤ ≥ ≠ ± √ ∞ −1, fi fl ffi, currency € £ ¥ ₹, fractions ½ ¼; ÀÉÎÕÜ',
    ),
    card('AAVA TOWN 1/2 H-I:J', 'Kerning pairs: AV, To, Wa, Yo, LT, \'quoted\' "double" (x)'),
  ]
  for (const svg of cards) {
    const cut = fontsFor(svg)
    assert.notDeepEqual(cut, socialCardFonts(), 'drawn with the cut fonts')
    assert.ok(draw(svg, cut).equals(draw(svg, socialCardFonts())), svg.slice(0, 300))
  }
})

test('a card with a character the cut fonts lack is drawn with the whole fonts', () => {
  for (const text of ['Кириллица', 'Ελληνικά', '漢字', 'emoji 🎉', 'Vietnamese ệ'])
    assert.deepEqual(fontsFor(card(text, 'summary')), socialCardFonts(), text)
})

test('drawing a card loads resvg-js without asking for the diagnostic report', () => {
  // A process of its own: this one loaded resvg-js above, with the report.
  const script = `
    let asked = 0
    const getReport = process.report.getReport
    process.report.getReport = (...args) => { asked++; return getReport.apply(process.report, args) }
    const { drawPng, socialCardSvg } = await import('./src/site/social-card.ts')
    const png = await drawPng(socialCardSvg({ siteTitle: 'S', title: 'T', summary: 'U', dateLabel: 'D' }))
    console.log(JSON.stringify({ asked, png: png.length, counting: process.report.getReport !== getReport }))
  `
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '--eval', script],
    { cwd: root, encoding: 'utf8' },
  )
  assert.equal(run.status, 0, run.stderr)
  const result = JSON.parse(run.stdout) as { asked: number; png: number; counting: boolean }
  assert.ok(result.png > 1000, 'a PNG came out')
  // detect-libc answers on Linux; elsewhere resvg-js asks the report itself.
  if (process.platform === 'linux') assert.equal(result.asked, 0)
  assert.equal(result.counting, true, 'the report the test set is back in place')
})
