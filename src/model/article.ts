/**
 * The article's cost model as one value: its inputs, derived figures, scenarios, chart datasets
 * and the appendix functions its listings show. The command line passes it to `build()`; nothing
 * else in src/ outside the model reaches for these definitions directly.
 */
import { datasetBuilders } from './datasets.ts'
import { derivedDefs, stageCalls } from './derived.ts'
import * as formulas from './formulas.ts'
import { correlations, inputDefs } from './inputs.ts'
import { DEFAULT_SCENARIO, scenarioDefs } from './scenarios.ts'
import type { CostModel } from './types.ts'

/** The appendix's exported functions, by name. */
const functions = Object.fromEntries(
  Object.entries(formulas).filter(
    (entry): entry is [string, (...args: number[]) => number] => typeof entry[1] === 'function',
  ),
)

/** "The Economics of Alignment" as a cost model. */
export const articleCostModel: CostModel = {
  inputs: inputDefs,
  derived: derivedDefs,
  scenarios: scenarioDefs,
  defaultScenario: DEFAULT_SCENARIO,
  datasets: datasetBuilders,
  correlations,
  headline: ['synthetic.total', 'synthetic.costPerPair', 'ratio.conservative', 'ratio.realistic'],
  sourceDir: 'src/model',
  listings: { source: 'src/model/formulas.ts', functions, calls: stageCalls },
}
