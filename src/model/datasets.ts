/**
 * Named datasets for the charts, computed from the model (no number is copied into a chart
 * spec). Each takes an evaluator so the build's scenario and `--set` settings flow through.
 * Rows only: how a chart's data table titles and formats its columns is the chart's business
 * (its spec's `usermeta.dataTables`).
 */
import { formatNumber } from '../format/number.ts'
import type { Evaluation } from './evaluate.ts'
import type {
  Dataset,
  DatasetBuilder,
  DatasetDraws,
  DatasetEvaluator as Evaluator,
  ScenarioDef,
} from './types.ts'

/** A price per pair as series labels show it: `$0.30/pair`. */
const pricePerPairLabel = (e: Evaluation, id: string): string =>
  `${formatNumber(e.value(id), 'usd2')}/pair`

/** Scenarios and labels of the stacked stage chart, in display order. */
const stageScenarios: ReadonlyArray<[string, string]> = [
  ['published', 'As published'],
  ['dpo-all-pairs', 'DPO on all pairs'],
  ['paper-faithful', 'Paper-faithful'],
]

const stages: ReadonlyArray<[string, string]> = [
  ['sft.cost', 'SFT'],
  ['inference.promptCost', 'Prompt generation'],
  ['inference.responseCost', 'Response generation'],
  ['inference.judgeCost', 'Judging'],
  ['dpo.cost', 'DPO'],
]

/** Synthetic cost by pipeline stage under the corrections of the audit. */
function costByStage(evaluate: Evaluator): Dataset {
  const rows = stageScenarios.flatMap(([scenario, label], order) => {
    const e = evaluate(scenario)
    return stages.map(([id, stage], stageOrder) => ({
      scenario: label,
      order,
      stage,
      stageOrder,
      cost: e.value(id),
    }))
  })
  return { rows }
}

/** Human labels at both prices against the synthetic pipeline, for the synthetic pair count. */
function humanVsSynthetic(evaluate: Evaluator): Dataset {
  const e = evaluate('published')
  const rows = [
    {
      method: `Human at ${pricePerPairLabel(e, 'human.price.conservative')}`,
      cost: e.value('human.cost.conservative'),
      kind: 'Human',
    },
    {
      method: `Human at ${pricePerPairLabel(e, 'human.price.realistic')}`,
      cost: e.value('human.cost.realistic'),
      kind: 'Human',
    },
    { method: 'Synthetic (RLAIF)', cost: e.value('synthetic.total'), kind: 'Synthetic' },
  ]
  return { rows }
}

/** Pair counts on a log grid: ten steps a decade from a thousand to ten million. */
const pairGrid = Array.from({ length: 41 }, (_, k) => Math.round(10 ** (3 + k / 10)))

/** Cost against the number of pairs: human at each price, synthetic as fixed plus variable. */
function costVsPairs(evaluate: Evaluator): Dataset {
  const e = evaluate('published')
  const fixed = e.value('synthetic.fixedCost')
  const perPair = e.value('synthetic.variableCostPerPair')
  const rows = pairGrid.flatMap((pairs) => [
    {
      pairs,
      series: `Human at ${pricePerPairLabel(e, 'human.price.realistic')}`,
      cost: pairs * e.value('human.price.realistic'),
    },
    {
      pairs,
      series: `Human at ${pricePerPairLabel(e, 'human.price.conservative')}`,
      cost: pairs * e.value('human.price.conservative'),
    },
    { pairs, series: 'Synthetic (RLAIF)', cost: fixed + perPair * pairs },
  ])
  return { rows }
}

/** The two pair counts the article compares, for rules on the cost-versus-pairs chart. */
function pairMarkers(evaluate: Evaluator): Dataset {
  const e = evaluate('published')
  const rows = [
    { pairs: e.value('rlaif.pairs.total'), label: 'Self-Rewarding' },
    { pairs: e.value('llama2.humanPairs'), label: 'Llama 2' },
  ]
  return { rows }
}

/**
 * How far past the 10× price at the realistic human price the heatmap's GPU axis runs, so the
 * 10× line ends inside the plot rather than in its corner.
 */
const GRID_GPU_MARGIN = 1.25
/** Columns of the heatmap from the spot price to the published price (both are columns). */
const GRID_STEPS_TO_PUBLISHED = 4
/** At most this many GPU price columns, whatever `--set` does to the prices. */
const GRID_MAX_COLUMNS = 40

const steps = (from: number, to: number, count: number): number[] =>
  Array.from({ length: count }, (_, i) => from + ((to - from) * i) / (count - 1))

/**
 * The heatmap's GPU prices, evenly spaced on its log axis with the spot and the published price
 * among them, up to beyond the price at which even the realistic human price buys only an order
 * of magnitude. Synthetic cost is proportional to the GPU price, so that price is the published
 * one scaled by ratio ÷ 10; the 10× line then crosses the plot from its lowest human price to its
 * highest.
 */
function gridGpuPrices(base: Evaluation): number[] {
  const spot = base.value('price.spot')
  const published = base.value('price.gpuHour')
  const low = Math.min(spot, published)
  const high = Math.max(spot, published)
  const tenfoldAtRealistic = (published * base.value('ratio.realistic')) / ORDER_OF_MAGNITUDE
  const top = Math.max(high, tenfoldAtRealistic * GRID_GPU_MARGIN)
  const factor =
    high > low
      ? (high / low) ** (1 / GRID_STEPS_TO_PUBLISHED)
      : (top / low) ** (1 / GRID_STEPS_TO_PUBLISHED)
  if (!(factor > 1)) return [low]
  const count = Math.min(GRID_MAX_COLUMNS, Math.ceil(Math.log(top / low) / Math.log(factor)) + 1)
  return Array.from({ length: count }, (_, i) => low * factor ** i)
}

/** The human prices of the heatmap: the article's two, and evenly between them. */
function gridHumanPrices(base: Evaluation): number[] {
  return steps(base.value('human.price.conservative'), base.value('human.price.realistic'), 13)
}

/**
 * The conservative-band ratio (human cost ÷ synthetic cost) over GPU price × human price, the
 * model evaluated once per cell. Each cell spans half a step either side of its prices (on the
 * GPU axis, a factor of the square root of the step, as the axis is logarithmic).
 */
function ratioGrid(evaluate: Evaluator): Dataset {
  const base = evaluate('published')
  const gpuPrices = gridGpuPrices(base)
  const humanPrices = gridHumanPrices(base)
  const gpuFactor = Math.sqrt((gpuPrices[1] ?? 1) / (gpuPrices[0] ?? 1))
  const humanStep = (humanPrices[1] ?? 0) - (humanPrices[0] ?? 0)
  const rows = gpuPrices.flatMap((gpuPrice) =>
    humanPrices.map((humanPrice) => {
      const e = evaluate(
        'published',
        new Map([
          ['price.gpuHour', gpuPrice],
          ['human.price.conservative', humanPrice],
        ]),
      )
      return {
        gpuPrice: gpuPrice / gpuFactor,
        gpuPrice2: gpuPrice * gpuFactor,
        humanPrice: humanPrice - humanStep / 2,
        humanPrice2: humanPrice + humanStep / 2,
        gpu: gpuPrice,
        human: humanPrice,
        ratio: e.value('ratio.conservative'),
      }
    }),
  )
  return { rows }
}

/**
 * Where the ratio is exactly 10×, for every human price the heatmap spans (its cells' edges
 * included): synthetic cost is proportional to the GPU price, so for each human price the
 * break-even GPU price is the current one scaled by ratio ÷ 10.
 */
function tenfoldLine(evaluate: Evaluator): Dataset {
  const base = evaluate('published')
  const humanPrices = gridHumanPrices(base)
  const halfStep = ((humanPrices[1] ?? 0) - (humanPrices[0] ?? 0)) / 2
  const rows = steps(
    (humanPrices[0] ?? 0) - halfStep,
    (humanPrices.at(-1) ?? 0) + halfStep,
    61,
  ).map((humanPrice) => {
    const e = evaluate('published', new Map([['human.price.conservative', humanPrice]]))
    return {
      human: humanPrice,
      gpu: (e.value('price.gpuHour') * e.value('ratio.conservative')) / ORDER_OF_MAGNITUDE,
    }
  })
  return { rows }
}

/** Model sizes of the size chart, in parameters: Llama 2's sizes and GPT-3's. */
const sizes = [7e9, 13e9, 34e9, 70e9, 175e9]

/** Synthetic cost against model size at a fixed utilisation, as published and with DPO on all pairs. */
function costBySize(evaluate: Evaluator): Dataset {
  const rows = stageScenarios.slice(0, 2).flatMap(([scenario, label]) =>
    sizes.map((params) => {
      const e = evaluate(scenario, new Map([['model.params', params]]))
      return { params: params / 1e9, series: label, cost: e.value('synthetic.total') }
    }),
  )
  return { rows }
}

/** An order of magnitude: the article's headline threshold ("more than an order of magnitude"). */
export const ORDER_OF_MAGNITUDE = 10

/** Both reduction ratios under every scenario, for the robustness chart. */
function ratioByScenario(evaluate: Evaluator, scenarios: readonly ScenarioDef[]): Dataset {
  const rows = scenarios.flatMap(({ name, label }, order) => {
    const e = evaluate(name)
    return [
      {
        scenario: label,
        order,
        band: 'Conservative human price',
        ratio: e.value('ratio.conservative'),
      },
      { scenario: label, order, band: 'Realistic human price', ratio: e.value('ratio.realistic') },
    ]
  })
  return { rows }
}

/** The threshold line of the robustness chart. */
function threshold(): Dataset {
  return { rows: [{ ratio: ORDER_OF_MAGNITUDE, label: 'order of magnitude' }] }
}

/** The uncertain inputs' swing of the conservative ratio, widest first, as published. */
function ratioTornado(
  evaluate: Evaluator,
  _s: readonly ScenarioDef[],
  draws: DatasetDraws,
): Dataset {
  const e = evaluate('published')
  const rows = draws.tornado('ratio.conservative', 'published').map((bar, order) => ({
    input: e.figure(bar.input).label,
    order,
    low: Math.min(bar.low, bar.high),
    high: Math.max(bar.low, bar.high),
    atLow: bar.low,
    atHigh: bar.high,
    point: e.value('ratio.conservative'),
  }))
  return { rows }
}

/** Histogram bins of a figure's draws: `bins` equal steps of its value (or of its log). */
function histogram(
  draws: DatasetDraws,
  id: string,
  series: string,
  log: boolean,
  bins = 40,
): Array<Record<string, string | number>> {
  const ranked = draws.sample('published').ranked(id)
  const n = ranked.draws.length
  const scale = log ? Math.log : (v: number) => v
  const unscale = log ? Math.exp : (v: number) => v
  const lo = scale(n > 0 ? ranked.rank(Math.floor(n * 0.005)) : 0)
  const hi = scale(n > 0 ? ranked.rank(Math.ceil(n * 0.995) - 1) : 1)
  const step = (hi - lo) / bins
  const counts = new Int32Array(bins)
  // Counts do not depend on the order of the draws: two selections instead of a sort. Indexed:
  // an iterator over the draws allocates in code still cold on a fresh build.
  for (let i = 0; i < n; i++) {
    const v = ranked.draws[i] as number
    const bin = Math.floor((scale(v) - lo) / step)
    if (bin >= 0 && bin < bins) counts[bin] = (counts[bin] ?? 0) + 1
  }
  return Array.from(counts, (count, i) => ({
    series,
    from: unscale(lo + i * step),
    to: unscale(lo + (i + 1) * step),
    share: count / n,
  }))
}

/** The synthetic cost over the draws, as published. */
function costDistribution(_e: Evaluator, _s: readonly ScenarioDef[], draws: DatasetDraws): Dataset {
  return { rows: histogram(draws, 'synthetic.total', 'Synthetic cost', true) }
}

/** Both reduction ratios over the draws, as published. */
function ratioDistribution(
  _e: Evaluator,
  _s: readonly ScenarioDef[],
  draws: DatasetDraws,
): Dataset {
  return {
    rows: [
      ...histogram(draws, 'ratio.conservative', 'Conservative human price', true),
      ...histogram(draws, 'ratio.realistic', 'Realistic human price', true),
    ],
  }
}

/** Every dataset by the name chart specs use. */
export const datasetBuilders: Readonly<Record<string, DatasetBuilder>> = {
  costByStage,
  humanVsSynthetic,
  costVsPairs,
  pairMarkers,
  ratioGrid,
  tenfoldLine,
  costBySize,
  ratioByScenario,
  threshold,
  ratioTornado,
  costDistribution,
  ratioDistribution,
}
