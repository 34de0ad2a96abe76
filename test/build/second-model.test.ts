/**
 * build() is not tied to the article's model: a second, tiny model (three inputs, two figures,
 * one scenario) goes through the same build, and its numbers, claims, popovers and generated
 * tables come from it alone.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { build } from '../../src/build.ts'
import { BuildFailure } from '../../src/diagnostics/report.ts'
import type { CostModel, DerivedDef, InputDef } from '../../src/model/index.ts'
import { frontmatter, memoryEffects, siteYaml } from '../helpers.ts'

const input = (id: string, value: number, unit: InputDef['unit'], label: string): InputDef => ({
  id,
  value,
  unit,
  label,
  source: 'author',
  note: 'A test input',
})

const derived = (
  id: string,
  unit: DerivedDef['unit'],
  label: string,
  deps: string[],
  formula: string,
  compute: (...values: number[]) => number,
): DerivedDef =>
  ({
    id,
    unit,
    label,
    deps,
    formula,
    compute,
  }) as DerivedDef

/** Hours of a job on rented GPUs, and what they cost. */
const tinyModel: CostModel = {
  inputs: [
    input('job.hours', 10, 'GPU·h', 'GPU-hours of the job'),
    input('job.price', 3, 'USD/GPU·h', 'Price per GPU-hour'),
    input('job.budget', 100, 'USD', 'Budget'),
  ],
  derived: [
    derived(
      'job.cost',
      'USD',
      'Cost of the job',
      ['job.hours', 'job.price'],
      '{job.hours} × {job.price}',
      (h, p) => h * p,
    ),
    derived(
      'job.headroom',
      '×',
      'Budget over cost',
      ['job.budget', 'job.cost'],
      '{job.budget} ÷ {job.cost}',
      (b, c) => b / c,
    ),
  ],
  scenarios: [{ name: 'base', label: 'Base case', description: 'As given.', overrides: {} }],
  defaultScenario: 'base',
  datasets: {},
  headline: ['job.cost'],
}

const page = `${frontmatter}The job costs :val[job.cost], :val[job.headroom] within budget.:check[job.headroom > 2]{claim="well within budget"}

::::generated{id="numbers"}

## Under every scenario

::scenario-table{figures="job.cost job.headroom"}

::claims-table

::::
`

test('a second model builds through the same build() with its own figures, claims and tables', async () => {
  const result = await build(
    tinyModel,
    { root: process.cwd() },
    memoryEffects({ 'content/input.md': page, 'content/site.yaml': siteYaml }),
  )
  const html = result.files.get('input/index.html') ?? ''
  // Under the page's own scenario a number carries no data-scenario.
  assert.match(html, /data-figure="job\.cost"[^>]*>\$30\.00</)
  assert.match(html, /data-figure="job\.headroom"[^>]*>3\.3×</)
  assert.deepEqual(
    result.claims.map((c) => [c.claim, c.holds]),
    [['well within budget', true]],
  )
  // The popover of the cost shows the tiny model's formula with its values.
  assert.match(html, /job\.cost = job\.hours × job\.price/)
  assert.match(html, /= 10\.0 GPU·h × \$3\.00\/GPU·h/)
  // The generated tables list the model's one scenario, and no figure of the article appears.
  assert.match(html, /<th scope="row">Base case</)
  assert.doesNotMatch(html, /synthetic\.total|ratio\.conservative/)
  const figures = JSON.parse(result.files.get('input/figures.json') ?? '{}')
  assert.deepEqual(Object.keys(figures.scenarios.base.figures).sort(), [
    'job.budget',
    'job.cost',
    'job.headroom',
    'job.hours',
    'job.price',
  ])
})

test('a listed function that disagrees with its model is an error at the listing', async () => {
  const listed: CostModel = {
    ...tinyModel,
    listings: {
      source: 'src/tiny.ts',
      functions: { jobCost: (hours, price) => (hours ?? 0) * (price ?? 0) * 2 },
      calls: { 'job.cost': { fn: 'jobCost', args: ['job.hours', 'job.price'] } },
    },
  }
  const failure = await build(
    listed,
    { root: process.cwd() },
    memoryEffects({
      'content/input.md': `${frontmatter}::listing{fn="jobCost" call="job.cost"}\n`,
      'content/site.yaml': siteYaml,
      'src/tiny.ts':
        'export function jobCost(hours: number, price: number) {\n  return hours * price * 2\n}\n',
    }),
  ).catch((error: unknown) => error)
  assert.ok(failure instanceof BuildFailure)
  assert.equal(failure.diagnostics[0]?.ruleId, 'listing-mismatch')
  assert.equal(failure.diagnostics[0]?.place, 'content/input.md:6:1')
})
