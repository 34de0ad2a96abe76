/**
 * End to end on the real article: the build in memory from content/, checked for the numbers
 * the article printed, for hand-typed numbers, determinism, scenario consistency, unique ids,
 * and charts that agree with the text.
 */
import assert from 'node:assert/strict'
import { before, describe, test } from 'node:test'
import { type BuildResult, build } from '../../src/build.ts'
import { memoryChartCacheStore } from '../../src/charts/cache.ts'
import { articleCostModel, evaluateScenario } from '../../src/model/index.ts'
import { TYPED_NUMBER_RULE } from '../../src/pipeline/remark-typed-numbers.ts'
import { fsEffects, memoryMemo } from '../../src/site/effects.ts'
import { root } from '../helpers.ts'

const page = 'economics-of-alignment/index.html'
const effects = () => ({
  ...fsEffects(root, memoryMemo()),
  chartStore: memoryChartCacheStore(),
  commit: async () => 'test',
})

let published: BuildResult
let html: string
before(async () => {
  published = await build(articleCostModel, { root }, effects())
  html = published.files.get(page) ?? ''
})

/** Text of every computed-number button for an expression. */
function shown(source: string, expression: string): string[] {
  const escaped = expression.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/"/g, '&#x22;')
  return [
    ...source.matchAll(
      new RegExp(`<button[^>]*data-figure="${escaped}"[^>]*>([^<]*)</button>`, 'g'),
    ),
  ].map((m) => m[1] ?? '')
}

describe('the built article', () => {
  // [expression on the page, the string the article printed] — 58.5× where it printed 58.4x.
  const printed: Array<[string, string]> = [
    ['sft.cost', '$42.54'],
    ['inference.cost', '$144.09'],
    ['dpo.cost', '$93.11'],
    ['synthetic.total', '$279.74'],
    ['synthetic.costPerPair', '$0.026'],
    ['human.cost.conservative', '$3,272'],
    ['human.cost.realistic', '$16,359'],
    ['llama2.humanCost.conservative', '$300,000'],
    ['llama2.humanCost.realistic', '$1,500,000'],
    ['ratio.conservative', '11.7×'],
    ['ratio.realistic', '58.5×'],
    ['inference.calls', '49,077'],
    ['rlaif.m1.calls', '17,838'],
    ['rlaif.m2.calls', '31,239'],
    ['rlaif.pairs.total', '10,906'],
    ['throughput.sustained', '135.6'],
    ['llama2.pretrain.gpuHours', '1,720,320'],
    ['price.reserved.discount', '40%'],
    ['price.spot.discount', '70%'],
    ['floor(ratio.conservative)', '11×'],
    ['floor(ratio.realistic)', '58×'],
  ]
  for (const [expression, text] of printed) {
    test(`shows ${expression} as ${text}`, () =>
      assert.ok(
        shown(html, expression).includes(text),
        `${expression}: ${shown(html, expression).join(', ')}`,
      ))
  }

  test('the derivations show the printed intermediate values', () => {
    for (const text of [
      '19.8M tokens',
      '8.3×10¹⁸ FLOP',
      '17.0 GPU·h',
      '201M tokens',
      '2.8×10¹⁹ FLOP',
      '57.6 GPU·h',
      '16.2M tokens',
      '1.8×10¹⁹ FLOP',
      '37.2 GPU·h',
    ]) {
      assert.ok(html.includes(`>${text}</button>`), text)
    }
  })

  test('no number in the author’s prose is typed by hand (the typed-number lint finds none)', () => {
    const typed = published.warnings.filter((w) => w.ruleId === TYPED_NUMBER_RULE)
    assert.deepEqual(
      typed.map((w) => `${w.place} ${w.reason}`),
      [],
    )
  })

  test('every id on the page is unique', () => {
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1])
    const duplicates = ids.filter((id, i) => ids.indexOf(id) !== i)
    assert.deepEqual(duplicates, [])
    assert.ok(ids.length > 100)
  })

  test("figures.json is laid out as JSON.stringify lays it out, every scenario's entries included", () => {
    const text = published.files.get('economics-of-alignment/figures.json') ?? ''
    const json = JSON.parse(text)
    assert.equal(text, `${JSON.stringify(json, null, 2)}\n`)
    const scenarios = Object.values(json.scenarios) as { overrides: object; figures: object }[]
    assert.ok(scenarios.length > 1)
    assert.ok(scenarios.some((s) => Object.keys(s.overrides).length > 1))
    assert.ok(scenarios.every((s) => Object.keys(s.figures).length > 0))
  })

  test('two builds are byte-identical', async () => {
    const again = await build(articleCostModel, { root }, effects())
    assert.deepEqual([...again.files.keys()].sort(), [...published.files.keys()].sort())
    for (const [path, content] of published.files)
      assert.equal(again.files.get(path), content, path)
    for (const [path, bytes] of published.binaryFiles)
      assert.ok(Buffer.from(bytes).equals(Buffer.from(again.binaryFiles.get(path) ?? [])), path)
  })

  test('charts agree with the text', () => {
    const chart = (id: string) =>
      html.slice(
        html.indexOf(`<figure class="chart" id="chart-${id}"`),
        html.indexOf('</figure>', html.indexOf(`id="chart-${id}"`)),
      )
    // The charts are files (a wide and a narrow drawing); the page holds their data tables.
    const file = (name: string) =>
      published.files.get(`economics-of-alignment/charts/${name}`) ?? ''
    // The human-vs-synthetic chart labels its points; the text prints $279.74 (≈ $280).
    for (const name of ['human-vs-synthetic.svg', 'human-vs-synthetic-narrow.svg']) {
      assert.match(file(name), /<text[^>]*>\$280<\/text>/, name)
      assert.match(file(name), /<text[^>]*>\$16,359<\/text>/, name)
    }
    // The stage chart's data (the rows Vega drew) carries the DPO cost the text prints.
    assert.match(chart('cost-by-stage'), /<td>As published<td>DPO<td>\$93\.11</)
    // The heatmap's cell at the article's prices is the conservative ratio the text prints.
    assert.match(chart('ratio-heatmap'), /<td>\$2\.50<td>\$0\.30<td>11\.7×</)
    // The size chart at 70B with DPO on all pairs is the dpo-all-pairs total.
    const total = evaluateScenario({ scenario: 'dpo-all-pairs' }).evaluation.value(
      'synthetic.total',
    )
    assert.match(
      chart('cost-by-size'),
      new RegExp(`<td>70<td>DPO on all pairs<td>\\$${total.toFixed(2)}<`),
    )
    for (const id of [
      'cost-by-stage',
      'human-vs-synthetic',
      'cost-vs-pairs',
      'ratio-heatmap',
      'cost-by-size',
      'ratio-by-scenario',
    ]) {
      assert.match(
        chart(id),
        new RegExp(
          `<source media="[^"]+" srcset="charts/${id}-narrow\\.svg"[^>]*><img src="charts/${id}\\.svg" alt="Chart: [^"]+"`,
        ),
        id,
      )
      for (const name of [`${id}.svg`, `${id}-narrow.svg`]) {
        const svg = file(name)
        assert.match(svg, /<svg[^>]*role="img"/, name)
        assert.match(svg, /<title id="[^"]+">/, name)
        assert.match(svg, /<desc id="[^"]+">/, name)
      }
    }
  })
})

describe('a build with the GPU price halved', () => {
  test('every number that depends on the price changes, consistently; the others do not', async () => {
    const halved = await build(
      articleCostModel,
      { root, settings: ['price.gpuHour=1.25'] },
      effects(),
    )
    const before = JSON.parse(published.files.get('economics-of-alignment/figures.json') ?? '{}')
      .scenarios.published.figures
    const after = JSON.parse(halved.files.get('economics-of-alignment/figures.json') ?? '{}')
      .scenarios.published.figures
    const dependsOnPrice = (id: string): boolean =>
      id === 'price.gpuHour' || (before[id]?.deps ?? []).some(dependsOnPrice)
    let changed = 0
    for (const id of Object.keys(before)) {
      if (!dependsOnPrice(id)) {
        assert.equal(after[id].value, before[id].value, id)
        continue
      }
      changed++
      const ratio = after[id].value / before[id].value
      // Costs scale with the price, reductions with its inverse; discounts are relative to it,
      // and a ratio of two costs does not move.
      const ofCosts = (before[id].deps ?? []).every(dependsOnPrice)
      const expected =
        before[id].unit === '×' ? (ofCosts ? 1 : 2) : before[id].unit === '%' ? ratio : 0.5
      assert.ok(
        Math.abs(ratio - expected) < 1e-9,
        `${id}: ${before[id].formatted} → ${after[id].formatted}`,
      )
    }
    assert.ok(changed > 10)
    const page2 = halved.files.get(page) ?? ''
    assert.ok(shown(page2, 'synthetic.total').includes('$139.87'))
    assert.ok(shown(page2, 'ratio.conservative').includes('23.4×'))
    assert.match(page2, /Computed under scenario/)
  })
})

describe('the robustness section', () => {
  /** The text of the computed number for `id` under `scenario` inside the robustness section. */
  const cell = (id: string, scenario: string): string | undefined => {
    const section = html.slice(
      html.indexOf('id="robustness"'),
      html.indexOf('id="inputs-and-sources"'),
    )
    const m = new RegExp(
      `<button[^>]*data-figure="${id.replace(/\./g, '\\.')}" data-scenario="${scenario}"[^>]*>([^<]*)</button>`,
    ).exec(section)
    return m?.[1]
  }

  test('its headline table matches the audit (notes/model-audit.md §4)', () => {
    assert.equal(cell('synthetic.total', 'dpo-all-pairs'), '$442.79')
    assert.equal(cell('synthetic.total', 'paper-faithful'), '$843.05')
    assert.equal(cell('ratio.conservative', 'paper-faithful'), '3.9×')
    assert.equal(cell('ratio.realistic', 'spot'), '194.9×')
  })

  test("a figure's cells under the other scenarios share one popover, with a line per scenario", () => {
    const buttons = [
      ...html.matchAll(
        /<button[^>]*data-figure="([^"]+)" data-scenario="([^"]+)"[^>]*popovertarget="([^"]+)" aria-describedby="([^"]+)">([^<]*)<\/button>/g,
      ),
    ]
    assert.ok(buttons.length > 100, `${buttons.length} cells`)
    const popoverOf = new Map<string, string>()
    for (const [, figure = '', scenario = '', popover = '', described = '', text = ''] of buttons) {
      // One popover per figure, whatever the scenario.
      assert.equal(popoverOf.get(figure) ?? popover, popover, figure)
      popoverOf.set(figure, popover)
      const body = new RegExp(`<div id="${popover}" popover[^>]*>(.*?)</div>`).exec(html)?.[1] ?? ''
      // (`</li>` is an optional end tag, left out.)
      const line = new RegExp(`<li id="${described}">(.*?)(?=<li|</ul>)`).exec(body)?.[1] ?? ''
      const label = evaluateScenario({ scenario }).evaluation.figure(figure).label
      assert.ok(body.includes(`<strong>${label}</strong>`), `#${popover} names ${figure}`)
      // Scenarios with the same line share it; the line names the cell's scenario.
      const scenarioLabel = articleCostModel.scenarios.find((s) => s.name === scenario)?.label ?? ''
      assert.ok(
        line.startsWith('Every scenario') || line.includes(scenarioLabel),
        `${described}: ${line}`,
      )
      // The line says the scenario and the cell's value, then the values it was computed from.
      assert.match(
        line.replace(/<[^>]+>/g, ''),
        new RegExp(`: ${text.replace(/[$.]/g, '\\$&')}( = |$)`),
        line,
      )
    }
  })

  test('its claims table says the order-of-magnitude claim holds as published and fails with DPO on all pairs', () => {
    const section = html.slice(
      html.indexOf('id="the-articles-claims-under-each-scenario"'),
      html.indexOf('id="inputs-and-sources"'),
    )
    const row = section.slice(
      section.indexOf('more than an order of magnitude'),
      section.indexOf('<tr>', section.indexOf('more than an order of magnitude')),
    )
    const marks = outcomes(row)
    assert.equal(marks[0], 'holds')
    assert.equal(marks[1], 'fails')
    assert.equal(marks.length, 10)
  })
})

describe('a build under another scenario', () => {
  test('shows the banner, and its claims table lists every claim', async () => {
    const spot = await build(articleCostModel, { root, scenario: 'spot' }, effects())
    const page2 = spot.files.get(page) ?? ''
    assert.match(page2, /Computed under scenario/)
    assert.ok(shown(page2, 'synthetic.total').includes('$83.92'))
    const claims = spot.claims.length
    assert.ok(claims > 10)
    // One outcome per claim and scenario (neighbouring equal ones share a cell).
    assert.equal(outcomes(page2).length, claims * 10)
    // A claim of the text that fails under the page's scenario is marked at its sentence,
    // linking to its row of the claims table; none goes silent.
    const failing = spot.claims.filter((c) => !c.holds && c.scenario === 'spot')
    assert.ok(failing.length > 0, 'some claims fail at spot prices')
    for (const claim of failing) {
      const anchor = `claim-${claim.line}-${claim.column}`
      assert.match(page2, new RegExp(`<sup class="claim-flag"><a href="#${anchor}">`), anchor)
      assert.match(page2, new RegExp(`id="${anchor}"`), `${anchor} has its row`)
    }
  })
})

describe('the page weight', () => {
  // Issue 15's goal: the article's HTML is at most 250 KB, with everything a reader needs there
  // without JavaScript (popovers, data tables, the claims table). It was 820 KB.
  const LIMIT = 250_000
  test(`the article's HTML stays under ${LIMIT} bytes`, () => {
    const bytes = Buffer.byteLength(html, 'utf8')
    assert.ok(bytes <= LIMIT, `${bytes} bytes`)
  })

  test('published, every claim of the text holds (the failing ones were reworded)', () => {
    const failing = published.claims.filter((c) => !c.holds)
    assert.deepEqual(
      failing.map((c) => `${c.line}:${c.column} ${c.claim}`),
      [],
    )
    assert.doesNotMatch(html, /class="claim-flag"/)
  })
})

/** The claims table's outcomes in `html`, one per scenario column (a cell spanning n gives n). */
function outcomes(html: string): string[] {
  return [...html.matchAll(/<td class="claim-(holds|fails)"(?: colspan="(\d+)")?/g)].flatMap((m) =>
    Array<string>(Number(m[2] ?? 1)).fill(m[1] ?? ''),
  )
}
