/** Shared fixtures for the chart tests: model-like datasets and spec files. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ChartInput } from '../../src/charts/render.ts'
import { parseSpecJson } from '../../src/charts/spec.ts'

/** Folder of `.vl.json` and `.svg` fixtures. */
export const fixturesDir = join(import.meta.dirname, 'fixtures')

/** Datasets shaped like the cost model's output. */
export const datasets = {
  costByStage: [
    { stage: 'Labels', method: 'RLHF', cost_usd: 6_200_000 },
    { stage: 'SFT', method: 'RLHF', cost_usd: 42.54 },
    { stage: 'Judge', method: 'RLAIF', cost_usd: 560_000 },
    { stage: 'DPO', method: 'RLAIF', cost_usd: 1_300 },
  ],
  costCurve: [10_000, 20_000, 40_000].flatMap((pairs) => [
    { pairs, method: 'RLHF', cost_usd: pairs * 155 },
    { pairs, method: 'RLAIF', cost_usd: pairs * 14 },
  ]),
} as const satisfies ChartInput['datasets']

/** Source text of a fixture file. */
export function fixtureText(name: string): string {
  return readFileSync(join(fixturesDir, name), 'utf8')
}

/** A ChartInput for a fixture spec, with the shared datasets. */
export function fixtureInput(name: string, idPrefix: string): ChartInput {
  return {
    spec: parseSpecJson(fixtureText(name), name),
    datasets,
    idPrefix,
    title: `Chart ${name}`,
    description: `Test chart from ${name}.`,
  }
}

/** Every `id="…"` value in an SVG or HTML string. */
export function idsIn(markup: string): string[] {
  return [...markup.matchAll(/\sid="([^"]*)"/g)].map((match) => match[1] ?? '')
}

/** Every id referenced by `url(#…)` or `href="#…"`. */
export function referencesIn(markup: string): string[] {
  const urls = [...markup.matchAll(/url\(#([^)]*)\)/g)].map((match) => match[1] ?? '')
  const hrefs = [...markup.matchAll(/href="#([^"]*)"/g)].map((match) => match[1] ?? '')
  const aria = [...markup.matchAll(/aria-(?:labelledby|describedby)="([^"]*)"/g)].flatMap((match) =>
    (match[1] ?? '').split(' '),
  )
  return [...urls, ...hrefs, ...aria]
}
