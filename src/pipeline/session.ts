/**
 * The model as the pipeline sees it: one evaluation per scenario, with the build's `--set`
 * settings applied on top of each, computed on first use and shared by every page.
 */
import type { ExprContext } from '../expr/index.ts'
import { type Dataset, datasetBuilders } from '../model/datasets.ts'
import {
  articleModel,
  type Evaluation,
  evaluate,
  evaluateScenario,
  type ScenarioEvaluation,
  scenarioDefs,
} from '../model/index.ts'

/** Evaluations of the article model for one build. */
export interface ModelSession {
  /** The scenario pages are evaluated under (the `--scenario` flag). */
  readonly defaultScenario: string
  readonly settings: readonly string[]
  /** Throws ModelError for an unknown scenario. */
  evaluation(scenario: string): ScenarioEvaluation
  /** The expression context of a scenario, for directive expressions. */
  context(scenario: string): ExprContext
  /** A scenario with extra input values on top (chart sweeps). */
  evaluateWith(scenario: string, extra: ReadonlyMap<string, number>): Evaluation
  /** A named chart dataset, computed once per session; undefined for an unknown name. */
  dataset(name: string): Dataset | undefined
}

/** Creates a session; evaluating the default scenario up front surfaces bad `--set`s early. */
export function createModelSession(
  defaultScenario: string,
  settings: readonly string[],
): ModelSession {
  const evaluations = new Map<string, ScenarioEvaluation>()
  const contexts = new Map<string, ExprContext>()
  const evaluation = (scenario: string): ScenarioEvaluation => {
    let found = evaluations.get(scenario)
    if (!found) {
      found = evaluateScenario({ scenario, settings })
      evaluations.set(scenario, found)
    }
    return found
  }
  const context = (scenario: string): ExprContext => {
    let found = contexts.get(scenario)
    if (!found) {
      found = exprContext(evaluation(scenario).evaluation, (name) =>
        scenarioDefs.some((s) => s.name === name) ? context(name) : undefined,
      )
      contexts.set(scenario, found)
    }
    return found
  }
  const evaluateWith = (scenario: string, extra: ReadonlyMap<string, number>): Evaluation => {
    const values = new Map([...evaluation(scenario).overrides].map(([id, o]) => [id, o.value]))
    for (const [id, value] of extra) values.set(id, value)
    return evaluate(articleModel, values)
  }
  const datasets = new Map<string, Dataset>()
  const dataset = (name: string): Dataset | undefined => {
    const build = Object.hasOwn(datasetBuilders, name) ? datasetBuilders[name] : undefined
    if (!build) return undefined
    let found = datasets.get(name)
    if (!found) {
      found = build((scenario, extra) =>
        extra ? evaluateWith(scenario, extra) : evaluation(scenario).evaluation,
      )
      datasets.set(name, found)
    }
    return found
  }
  evaluation(defaultScenario)
  return { defaultScenario, settings, evaluation, context, evaluateWith, dataset }
}

function exprContext(
  evaluation: ScenarioEvaluation['evaluation'],
  other: (name: string) => ExprContext | undefined,
): ExprContext {
  return {
    lookup: (id) => {
      if (!evaluation.has(id)) return undefined
      const figure = evaluation.figure(id)
      return { value: figure.value, unit: figure.unit }
    },
    ids: () => evaluation.model.ids,
    scenario: other,
    scenarioNames: () => scenarioDefs.map((s) => s.name),
  }
}
