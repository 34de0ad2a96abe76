/**
 * The cost model's public face: the compiled article model and one call to evaluate it under
 * a scenario plus `--set` overrides. Pure: no I/O anywhere under src/model/.
 */
import { derivedDefs, stageCalls } from './derived.ts'
import { compileModel, type Evaluation, evaluate } from './evaluate.ts'
import { inputDefs } from './inputs.ts'
import { type AppliedOverride, parseSetting, scenarioOverrides } from './overrides.ts'
import { DEFAULT_SCENARIO, scenarioDefs } from './scenarios.ts'

export { ModelError } from './errors.ts'
export type { CompiledModel, Evaluation } from './evaluate.ts'
export { compileModel, dependencyClosure, evaluate } from './evaluate.ts'
export { findScenario, parseSetting } from './overrides.ts'
export type * from './types.ts'
export { isUnitSymbol, type UnitSymbol, units } from './units.ts'
export { DEFAULT_SCENARIO, derivedDefs, inputDefs, scenarioDefs, stageCalls }

/** The article's model, compiled once. */
export const articleModel = compileModel(inputDefs, derivedDefs)

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

/** Evaluates the article model under a scenario and settings; throws ModelError on bad input. */
export function evaluateScenario(request: EvaluationRequest = {}): ScenarioEvaluation {
  const scenario = request.scenario ?? DEFAULT_SCENARIO
  const overrides = scenarioOverrides(articleModel, scenarioDefs, scenario)
  for (const setting of request.settings ?? []) {
    const { id, value } = parseSetting(articleModel, setting)
    overrides.set(id, { value, origin: `--set ${id}=${value}` })
  }
  const values = new Map([...overrides].map(([id, o]) => [id, o.value]))
  return { scenario, evaluation: evaluate(articleModel, values), overrides }
}
