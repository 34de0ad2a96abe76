/**
 * The cost model's public face: compiling a model, evaluating it under a scenario plus `--set`
 * overrides, and the article's own model. Pure: no I/O anywhere under src/model/.
 */
import { articleCostModel } from './article.ts'
import { type CompiledModel, compileModel, type Evaluation, evaluate } from './evaluate.ts'
import { type AppliedOverride, parseSetting, scenarioOverrides } from './overrides.ts'
import type { ScenarioDef } from './types.ts'

export { articleCostModel } from './article.ts'
export { checkRanges, normalCdf, normalQuantile, quantileOf } from './distributions.ts'
export { ModelError } from './errors.ts'
export type { CompiledModel, Evaluation } from './evaluate.ts'
export {
  compileModel,
  dependencyClosure,
  dependentsOf,
  evaluate,
  evaluateBatch,
  inputIndex,
  inputVectors,
} from './evaluate.ts'
export { formulaDependencies } from './formula.ts'
export {
  type AppliedOverride,
  findScenario,
  parseSetting,
  scenarioOverrides,
} from './overrides.ts'
export {
  at as quantileAt,
  DEFAULT_SAMPLES,
  DEFAULT_SEED,
  type DrawTable,
  drawTable,
  type Quantiles,
  type Ranked,
  restoreSample,
  type Sample,
  type SampleData,
  type SampleOptions,
  sampleData,
  sampleModel,
  type TornadoBar,
  tornado,
} from './sampling.ts'
export type * from './types.ts'
export { isUnitSymbol, type UnitSymbol, units } from './units.ts'

/** The article's model, compiled once (for tests and benchmarks of the article itself). */
export const articleModel: CompiledModel = compileModel(
  articleCostModel.inputs,
  articleCostModel.derived,
)

/** What to evaluate: a scenario and extra `ID=VALUE` settings applied on top. */
export interface EvaluationRequest {
  readonly scenario?: string
  readonly settings?: readonly string[]
}

/** An evaluation together with the overrides that produced it. */
export interface ScenarioEvaluation {
  readonly scenario: string
  readonly evaluation: Evaluation
  readonly overrides: ReadonlyMap<string, AppliedOverride>
}

/** Evaluates a compiled model under one of its scenarios and settings; throws ModelError. */
export function evaluateScenarioOf(
  model: CompiledModel,
  scenarios: readonly ScenarioDef[],
  scenario: string,
  settings: readonly string[] = [],
): ScenarioEvaluation {
  const overrides = scenarioOverrides(model, scenarios, scenario)
  for (const setting of settings) {
    const { id, value } = parseSetting(model, setting)
    overrides.set(id, { value, origin: `--set ${id}=${value}` })
  }
  const values = new Map([...overrides].map(([id, o]) => [id, o.value]))
  return { scenario, evaluation: evaluate(model, values), overrides }
}

/** Evaluates the article's model under a scenario and settings; throws ModelError on bad input. */
export function evaluateScenario(request: EvaluationRequest = {}): ScenarioEvaluation {
  return evaluateScenarioOf(
    articleModel,
    articleCostModel.scenarios,
    request.scenario ?? articleCostModel.defaultScenario,
    request.settings ?? [],
  )
}
