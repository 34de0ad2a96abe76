import assert from 'node:assert/strict'
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { renderChart } from '../../src/charts/render.ts'
import { toStandaloneSvg } from '../../src/charts/svg.ts'
import { updateRequested } from '../update.ts'
import { datasets, fixtureInput, fixturesDir, idsIn, referencesIn } from './helpers.ts'

const bar = () => fixtureInput('cost-by-stage.vl.json', 'chart-cost-by-stage')
const curve = () => fixtureInput('cost-curve-log.vl.json', 'chart-cost-curve')

/**
 * Compares with a committed snapshot, which also proves output is identical across processes and
 * machines. Only UPDATE=1 writes one (never under CI): a missing snapshot fails, and a mismatch
 * writes `<name>-changed.svg` beside it to open and diff. Snapshots end in `.svg.snap` so Biome
 * does not lint Vega's markup as our HTML.
 */
function assertSnapshot(name: string, actual: string): void {
  const path = join(fixturesDir, `${name}.svg.snap`)
  const changedPath = join(fixturesDir, `${name}-changed.svg`)
  if (updateRequested()) {
    writeFileSync(path, actual)
    rmSync(changedPath, { force: true })
    return
  }
  assert.ok(existsSync(path), `missing snapshot ${path}; run with UPDATE=1 to create it`)
  const expected = readFileSync(path, 'utf8')
  if (actual === expected) {
    rmSync(changedPath, { force: true })
    return
  }
  writeFileSync(changedPath, actual)
  assert.fail(`${name}.svg.snap changed; open ${changedPath}, then rerun with UPDATE=1 if intended`)
}

describe('renderChart', () => {
  it('renders a bar chart with accessible root, title and desc first', async () => {
    const { svg } = await renderChart({
      ...bar(),
      title: 'Cost <by> stage & method',
      description: 'Labels "dominate".',
    })
    assert.match(
      svg,
      /^<svg [^>]*role="img" aria-labelledby="chart-cost-by-stage-title" aria-describedby="chart-cost-by-stage-desc"/,
    )
    const afterRoot = svg.slice(svg.indexOf('>') + 1)
    assert.ok(
      afterRoot.startsWith(
        '<title id="chart-cost-by-stage-title">Cost &lt;by&gt; stage &amp; method</title>' +
          '<desc id="chart-cost-by-stage-desc">Labels &quot;dominate&quot;.</desc>',
      ),
    )
    assert.match(svg, /viewBox="0 0 \d+ \d+"/)
    assert.match(svg, /style="max-width:100%;height:auto"/)
    const bars = /<g class="mark-rect role-mark marks"[^>]*>(.*?)<\/g>/.exec(svg)?.[1] ?? ''
    assert.equal(bars.match(/<path d="M/g)?.length, 4)
    assertSnapshot('cost-by-stage', svg)
  })

  it('renders a layered log-scale line chart with prefixed clip paths', async () => {
    const { svg } = await renderChart(curve())
    // Log ticks: 100k, 200k … 1M, 2M … 10M.
    assert.match(svg, />\$100k<.*>\$200k<.*>\$1M<.*>\$10M</s)
    assert.match(svg, /<clipPath id="chart-cost-curve-clip1">/)
    assert.match(svg, /clip-path="url\(#chart-cost-curve-clip1\)"/)
    assertSnapshot('cost-curve-log', svg)
  })

  it('applies the theme: currentColor text and axes, Okabe–Ito marks, no white frame', async () => {
    const { svg } = await renderChart(bar())
    assert.match(svg, /<text [^>]*fill="currentColor"/)
    assert.match(svg, /<line [^>]*stroke="currentColor"/)
    assert.match(svg, /fill="#0072B2"/)
    assert.match(svg, /font-family="system-ui, -apple-system/)
    assert.doesNotMatch(svg, /#ddd|#4c78a8|fill="white"|fill="#fff"/i)
  })

  it('is byte-identical across renders, after another chart, and when run concurrently', async () => {
    const first = (await renderChart(curve())).svg
    await renderChart(bar())
    const again = (await renderChart(curve())).svg
    assert.equal(again, first)
    const [a, b, c] = await Promise.all(
      [curve(), bar(), curve()].map((input) => renderChart(input)),
    )
    assert.equal(a?.svg, first)
    assert.equal(c?.svg, first)
    assert.equal(b?.svg, (await renderChart(bar())).svg)
  })

  it('gives two inlined charts disjoint ids, and every reference resolves in its own chart', async () => {
    const first = (await renderChart(curve())).svg
    const second = (await renderChart({ ...curve(), idPrefix: 'chart-other' })).svg
    const ids = [...idsIn(first), ...idsIn(second)]
    assert.ok(ids.length > 4)
    assert.equal(new Set(ids).size, ids.length, `duplicate ids: ${ids.join(' ')}`)
    for (const svg of [first, second]) {
      const own = new Set(idsIn(svg))
      for (const reference of referencesIn(svg)) assert.ok(own.has(reference), reference)
    }
  })

  it('does not mutate the datasets it is given', async () => {
    const before = structuredClone(datasets)
    await renderChart(bar())
    await renderChart(curve())
    assert.deepEqual(datasets, before)
  })

  it('rejects an id prefix that is not a safe id', async () => {
    await assert.rejects(renderChart({ ...bar(), idPrefix: 'a b"' }), TypeError)
  })
})

describe('toStandaloneSvg', () => {
  it('adds colours in a <style> after <desc> and drops the inline sizing style', async () => {
    const standalone = toStandaloneSvg((await renderChart(bar())).svg)
    assert.match(standalone, /<\/desc><style>:root\{color:#1f2328;background-color:#ffffff\}/)
    assert.match(standalone, /prefers-color-scheme:dark/)
    assert.doesNotMatch(standalone.slice(0, standalone.indexOf('>')), /style=/)
    assert.match(standalone, /^<svg [^>]*width="\d+" height="\d+"/)
  })
})
