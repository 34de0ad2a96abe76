/**
 * The panel's budgets, on the built files: what every reader downloads grows by at most 5 KB
 * gzip (the closed panel's markup, claim markers, the loader, its few lines of CSS);
 * what a reader who opens the panel downloads (model, formatter, panel code and the page table)
 * stays within 40 KB gzip; the Vega chunk that redraws charts is separate and loaded on demand;
 * and the panel's code uses no eval and no expression parser (it runs under a strict CSP).
 */
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import { gzipSync } from 'node:zlib'
import { build } from '../../src/build.ts'
import { articleCostModel } from '../../src/model/index.ts'
import { fsEffects } from '../../src/site/effects.ts'
import { root } from '../helpers.ts'

const SLUG = 'economics-of-alignment'
const gz = (text: string): number => gzipSync(text, { level: 9 }).length
const KB = 1024

/** The page as it was before the panel: its additions taken out again. */
function withoutPanel(html: string): string {
  return html
    .replace(/<span class="claim-mark" data-claim="\d+" hidden><\/span>/g, '')
    .replace(/<details class="whatif" id="whatif">[\s\S]*?<\/details>\s*/, '')
    .replace(/<script type="module" src="[^"]*whatif-loader\.js"><\/script>\s*/, '')
    .replace(/\s*<li><a href="#whatif">Try your own numbers<\/a><\/li>/, '')
}

test('budgets: ≤ 5 KB gzip more for every reader, ≤ 40 KB gzip for the panel', async () => {
  const built = await build(articleCostModel, { root, samples: 50 }, fsEffects(root))
  const file = (path: string): string => {
    const text = built.files.get(path)
    assert.ok(text !== undefined, `${path} is built`)
    return text
  }
  const html = file(`${SLUG}/index.html`)
  const before = withoutPanel(html)
  assert.ok(!/claim-mark|whatif/.test(before), 'every addition is accounted for')
  const css = file('assets/style.css')
  const cssBefore = css.replace(/\n\/\* -{10} "Try your own numbers" panel[\s\S]*$/, '\n')
  const initial =
    gz(html) - gz(before) + gz(file('assets/whatif-loader.js')) + (gz(css) - gz(cssBefore))
  const panel = gz(file('assets/whatif.js')) + gz(file(`${SLUG}/whatif.json`))
  console.log(
    `what-if budgets: initial transfer +${(initial / KB).toFixed(2)} KB gzip (≤ 5), panel ${(panel / KB).toFixed(2)} KB gzip (≤ 40)`,
  )
  assert.ok(initial <= 5 * KB, `the initial transfer grows by ${initial} bytes gzip`)
  assert.ok(panel <= 40 * KB, `the panel's code and table are ${panel} bytes gzip`)
  // Redrawing charts: the Vega runtime and the compiled specs, fetched only when reader numbers
  // show and a chart is on screen. Nothing the page or the panel loads names the chunk but the
  // panel's code, which imports it on demand.
  const chunk = gz(file('assets/whatif-charts.js'))
  const specs = gz(file(`${SLUG}/whatif-charts.json`))
  console.log(
    `what-if charts: Vega chunk ${(chunk / KB).toFixed(2)} KB gzip, compiled specs ${(specs / KB).toFixed(2)} KB gzip (loaded on demand)`,
  )
  assert.doesNotMatch(html + file('assets/whatif-loader.js'), /whatif-charts/)
  assert.match(file('assets/whatif.js'), /whatif-charts\.js/)
  // A guard against the whole of `vega` (every transform) or Vega-Lite finding its way in.
  assert.ok(chunk <= 180 * KB, `the chart chunk is ${chunk} bytes gzip`)
})

test('the chart chunk carries the Vega runtime, not Vega-Lite', () => {
  const chunk = readFileSync(join(root, 'lib', 'browser', 'whatif-charts.js'), 'utf8')
  // One of Vega-Lite's own compiler messages, and its name.
  assert.doesNotMatch(chunk, /Invalid field type|vega-lite/)
  const panel = readFileSync(join(root, 'lib', 'browser', 'whatif.js'), 'utf8')
  assert.ok(panel.length < chunk.length / 4, 'Vega is not in the panel bundle')
})

test('the panel code has no eval or Function constructor', () => {
  const bundle = readFileSync(join(root, 'lib', 'browser', 'whatif.js'), 'utf8')
  assert.doesNotMatch(bundle, /\beval\(|new Function\(|\bFunction\(/)
})

test('the panel code carries no expression parser', () => {
  // The page table holds expressions already parsed: jsep (its name, or one of its messages)
  // in the bundle means an import chain reached src/expr/parse.ts again.
  const bundle = readFileSync(join(root, 'lib', 'browser', 'whatif.js'), 'utf8')
  assert.doesNotMatch(bundle, /jsep|Unclosed quote after/i)
})
