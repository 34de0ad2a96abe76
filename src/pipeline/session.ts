/**
 * The model as the pipeline sees it, and the only way the pipeline reaches it: one evaluation
 * per scenario (the build's `--set` settings on top of each), expression contexts, claims,
 * scenario labels, chart datasets and Monte Carlo draws (intervals, claim probabilities, the
 * tornado), all computed on first use and shared by every page.
 */

import {
  compileExpression,
  type ExprContext,
  ExprError,
  type ExprNode,
  type ExprResult,
  evaluateExpression,
  figuresOf,
  parseExpression,
  type RowFunction,
} from '../expr/index.ts'
import { formatWithUnit } from '../format/figure.ts'
import { keptWith } from '../memo.ts'
import {
  type CompiledModel,
  type CostModel,
  checkRanges,
  compileModel,
  type Dataset,
  DEFAULT_SAMPLES,
  DEFAULT_SEED,
  type DrawTable,
  drawTable,
  type Evaluation,
  evaluate,
  evaluateScenarioOf,
  findScenario,
  type Quantiles,
  quantileAt,
  restoreSample,
  type Sample,
  type SampleData,
  type SampleOptions,
  type ScenarioDef,
  type ScenarioEvaluation,
  sampleData,
  sampleModel,
  type TornadoBar,
  tornado,
} from '../model/index.ts'

/** A claim evaluated under one scenario. */
export interface ClaimOutcome {
  /** True or false; null when the expression cannot be evaluated there (an error). */
  readonly holds: boolean | null
  /** The figures it read, formatted, e.g. `ratio.conservative = 11.7×`. */
  readonly readings: readonly string[]
  /** Figure ids it read, in order of first use. */
  readonly figures: readonly string[]
}

/** A claim's probability over the Monte Carlo draws. */
export interface ClaimChance {
  /** The share of draws in which the claim holds, from 0 to 1. */
  readonly probability: number
  readonly samples: number
}

/**
 * What a session has computed from the draws, as plain data: another thread's session of the same
 * model and options adopts it instead of drawing and computing it again (~0.6 s of a worker's
 * start on these machines). Every entry is what that session would compute, bit for bit.
 */
export interface CarriedSession {
  /** The options the entries depend on: a session with other options adopts nothing. */
  readonly identity: string
  /** Samples by the key of their draws (the input values, the sample count and the seed). */
  readonly samples: readonly (readonly [string, SampleData])[]
  readonly chances: readonly (readonly [string, ClaimChance])[]
  readonly quantiles: readonly (readonly [string, Quantiles])[]
  readonly datasets: readonly (readonly [string, Dataset])[]
}

/** Evaluations of one model for one build. */
export interface ModelSession {
  readonly model: CostModel
  readonly compiled: CompiledModel
  /** The scenario pages are evaluated under (the `--scenario` flag). */
  readonly defaultScenario: string
  readonly settings: readonly string[]
  /** Throws ModelError for an unknown scenario. */
  evaluation(scenario: string): ScenarioEvaluation
  /** The expression context of a scenario, for directive expressions. */
  context(scenario: string): ExprContext
  /**
   * An expression evaluated under a scenario, as evaluateExpression gives it, computed once: a
   * site's pages show the same numbers. An ExprError or ModelError is thrown again each time.
   */
  evaluate(expression: string, scenario: string): ExprResult
  /** A scenario with extra input values on top (chart sweeps). */
  evaluateWith(scenario: string, extra: ReadonlyMap<string, number>): Evaluation
  /** The scenarios in display order. */
  readonly scenarios: readonly ScenarioDef[]
  /** A scenario's label ("As published"); the name itself for an unknown one. */
  scenarioLabel(name: string): string
  /** The named scenario; throws ModelError (with a suggestion) for an unknown name. */
  findScenario(name: string): ScenarioDef
  /** A named chart dataset, computed once per session; undefined for an unknown name. */
  dataset(name: string): Dataset | undefined
  readonly datasetNames: readonly string[]
  /**
   * A claim under a scenario: the one place claims are evaluated (the page, the claims table
   * and the snapshot all ask here). Expression errors propagate to the caller.
   */
  claim(expression: string | ExprNode, scenario: string): ClaimOutcome
  /** The Monte Carlo draws of a scenario (computed once, on first use). */
  uncertainty(scenario: string): Sample
  /** How often a claim holds over the draws of a scenario; throws ExprError like `claim`. */
  claimChance(expression: string, scenario: string): ClaimChance
  /** An expression's quantiles over the draws; throws ExprError like `claim`. */
  expressionQuantiles(expression: string, scenario: string): Quantiles
  /** Each uncertain input's swing of `output` under a scenario, widest first. */
  tornado(output: string, scenario: string): TornadoBar[]
  readonly sampling: Required<SampleOptions>
  /** What this session has computed from the draws so far, for another thread's session. */
  carry(): CarriedSession
  /** Takes what another session of the same model and options computed (see CarriedSession). */
  adopt(carried: CarriedSession): void
}

/** Creates a session; evaluating the default scenario up front surfaces bad `--set`s early. */
export function createModelSession(
  model: CostModel,
  options: {
    scenario?: string | undefined
    settings?: readonly string[] | undefined
    samples?: number | undefined
    seed?: number | undefined
  } = {},
): ModelSession {
  const compiled = compileModel(model.inputs, model.derived)
  checkRanges(model.inputs, model.correlations)
  const sampling = {
    samples: options.samples ?? DEFAULT_SAMPLES,
    seed: options.seed ?? DEFAULT_SEED,
  }
  const defaultScenario = options.scenario ?? model.defaultScenario
  const settings = options.settings ?? []
  const evaluations = new Map<string, ScenarioEvaluation>()
  const contexts = new Map<string, ExprContext>()
  const evaluation = (scenario: string): ScenarioEvaluation => {
    let found = evaluations.get(scenario)
    if (!found) {
      found = evaluateScenarioOf(compiled, model.scenarios, scenario, settings)
      evaluations.set(scenario, found)
    }
    return found
  }
  const context = (scenario: string): ExprContext => {
    let found = contexts.get(scenario)
    if (!found) {
      found = exprContext(evaluation(scenario).evaluation, model.scenarios, (name) =>
        model.scenarios.some((s) => s.name === name) ? context(name) : undefined,
      )
      contexts.set(scenario, found)
    }
    return found
  }
  const evaluated: Outcomes<ExprResult> = new Map()
  const evaluateOnce = (expression: string, scenario: string): ExprResult =>
    keptOrThrown(evaluated, `${scenario}\u0000${expression}`, () =>
      evaluateExpression(expression, context(scenario)),
    )
  const evaluateWith = (scenario: string, extra: ReadonlyMap<string, number>): Evaluation => {
    const values = new Map([...evaluation(scenario).overrides].map(([id, o]) => [id, o.value]))
    for (const [id, value] of extra) values.set(id, value)
    return evaluate(compiled, values)
  }
  const datasets = new Map<string, Dataset>()
  const dataset = (name: string): Dataset | undefined => {
    const builder = Object.hasOwn(model.datasets, name) ? model.datasets[name] : undefined
    if (!builder) return undefined
    let found = datasets.get(name)
    if (!found) {
      found = builder(
        (scenario, extra) =>
          extra ? evaluateWith(scenario, extra) : evaluation(scenario).evaluation,
        model.scenarios,
        { sample: (scenario) => uncertainty(scenario), tornado: (id, s) => tornadoOf(id, s) },
      )
      datasets.set(name, found)
    }
    return found
  }
  // Claims by their text and scenario: the claims table asks for each under every scenario, on
  // every page of a site and every rebuild of `npm run dev`. An expression error is kept too.
  const claims: Outcomes<ClaimOutcome> = new Map()
  const claim = (expression: string | ExprNode, scenario: string): ClaimOutcome => {
    if (typeof expression !== 'string')
      return claimOutcome(evaluateExpression(expression, context(scenario)), scenario, evaluation)
    return keptOrThrown(claims, `${scenario}\u0000${expression}`, () =>
      claimOutcome(evaluateOnce(expression, scenario), scenario, evaluation),
    )
  }
  const samples = drawsCache(model)
  const byScenario = new Map<string, Sample>()
  const uncertainty = (scenario: string): Sample => {
    let found = byScenario.get(scenario)
    if (found) return found
    const base = new Map([...evaluation(scenario).overrides].map(([id, o]) => [id, o.value]))
    // Keyed by everything the draws depend on: the input values, the sample count and the seed.
    const key = JSON.stringify([[...base], sampling.samples, sampling.seed])
    found = samples.get(key)
    if (!found) {
      found = sampleModel(compiled, base, model.correlations, sampling)
      samples.set(key, found)
    }
    byScenario.set(scenario, found)
    return found
  }
  // An expression over the draws: compiled once, reading the figures it names from a table.
  const overDrawsOf = new Map<string, { table: DrawTable; fn: RowFunction }>()
  const rowFunction = (expression: string): { table: DrawTable; fn: RowFunction } => {
    let found = overDrawsOf.get(expression)
    if (!found) {
      const parsed = parseExpression(expression)
      const table = drawTable(compiled, figuresOf(parsed), sampling.samples)
      found = { table, fn: compileExpression(parsed, table.slot, table.fixed) }
      overDrawsOf.set(expression, found)
    }
    return found
  }
  // The tables of one overDraws call, kept for the next: fresh memory costs more than the copy.
  const tables: Float64Array[] = []
  /** The expression's value in every draw of a scenario (other scenarios' draws line up). */
  const overDraws = (expression: string, scenario: string): Float64Array => {
    // Evaluated at the point values first: errors and unit checks come from the evaluator.
    evaluateOnce(expression, scenario)
    const { table, fn } = rowFunction(expression)
    const filled = new Map<string, Float64Array>()
    const draws = (name: string): Float64Array => {
      let values = filled.get(name)
      if (!values) {
        values = tables[filled.size]
        if (!values || values.length < table.size) {
          values = new Float64Array(table.size)
          tables[filled.size] = values
        }
        table.fill(uncertainty(name), values)
        filled.set(name, values)
      }
      return values
    }
    const values = draws(scenario)
    const out = new Float64Array(sampling.samples)
    for (let i = 0; i < out.length; i++) out[i] = fn(values, i, draws)
    return out
  }
  // Chances and quantiles by expression and scenario: pure, and asked again on every rebuild.
  const chances = new Map<string, ClaimChance>()
  const quantilesOf = new Map<string, Quantiles>()
  const claimChance = (expression: string, scenario: string): ClaimChance =>
    remembered(chances, [expression, scenario], () => claimChanceOnce(expression, scenario))
  const expressionQuantiles = (expression: string, scenario: string): Quantiles =>
    remembered(quantilesOf, [expression, scenario], () =>
      expressionQuantilesOnce(expression, scenario),
    )
  const claimChanceOnce = (expression: string, scenario: string): ClaimChance => {
    const values = overDraws(expression, scenario)
    let hits = 0
    // Indexed: an iterator over 10,000 draws allocates in code still cold on a fresh build.
    for (let i = 0; i < values.length; i++) if (values[i] !== 0) hits++
    return { probability: hits / values.length, samples: values.length }
  }
  const expressionQuantilesOnce = (expression: string, scenario: string): Quantiles => {
    const values = overDraws(expression, scenario).sort()
    let sum = 0
    for (let i = 0; i < values.length; i++) sum += values[i] as number
    return {
      p5: quantileAt(values, 0.05),
      p50: quantileAt(values, 0.5),
      p95: quantileAt(values, 0.95),
      mean: sum / values.length,
    }
  }
  const tornadoOf = (output: string, scenario: string): TornadoBar[] => {
    const base = new Map([...evaluation(scenario).overrides].map(([id, o]) => [id, o.value]))
    return tornado(compiled, base, (values) => evaluate(compiled, values).value(output))
  }
  // The settings are in the draws' keys, but not in the keys of chances, quantiles and datasets.
  const identity = JSON.stringify([defaultScenario, settings, sampling])
  const carry = (): CarriedSession => ({
    identity,
    samples: [...samples].map(([key, sample]) => [key, sampleData(sample)] as const),
    chances: [...chances],
    quantiles: [...quantilesOf],
    datasets: [...datasets],
  })
  const adopt = (carried: CarriedSession): void => {
    if (carried.identity !== identity) return
    for (const [key, data] of carried.samples)
      if (!samples.has(key)) samples.set(key, restoreSample(compiled, data))
    for (const [key, chance] of carried.chances) if (!chances.has(key)) chances.set(key, chance)
    for (const [key, q] of carried.quantiles) if (!quantilesOf.has(key)) quantilesOf.set(key, q)
    for (const [name, found] of carried.datasets) if (!datasets.has(name)) datasets.set(name, found)
  }
  evaluation(defaultScenario)
  return {
    model,
    compiled,
    defaultScenario,
    settings,
    evaluation,
    context,
    evaluate: evaluateOnce,
    evaluateWith,
    scenarios: model.scenarios,
    scenarioLabel: (name) => model.scenarios.find((s) => s.name === name)?.label ?? name,
    findScenario: (name) => findScenario(model.scenarios, name),
    dataset,
    datasetNames: Object.keys(model.datasets),
    claim,
    uncertainty,
    claimChance,
    expressionQuantiles,
    tornado: tornadoOf,
    sampling,
    carry,
    adopt,
  }
}

/** A claim's outcome from its evaluation under `scenario`. */
function claimOutcome(
  { result, figures, scenarios }: ExprResult,
  scenario: string,
  evaluation: (scenario: string) => ScenarioEvaluation,
): ClaimOutcome {
  // A figure read inside `scenario("spot", …)` is shown under each scenario the claim visits.
  const visited = [scenario, ...scenarios.filter((s) => s !== scenario)]
  const readings = figures.map((id) => {
    const values = visited.map((name) => {
      const e = evaluation(name).evaluation
      const text = e.has(id) ? formatWithUnit(e.figure(id)) : '–'
      return visited.length > 1 ? `${text} (${name})` : text
    })
    return `${id} = ${values.join(', ')}`
  })
  return { holds: result.kind === 'boolean' ? result.value : null, readings, figures }
}

/**
 * Monte Carlo draws kept for as long as their model object lives: the dev server rebuilds with
 * the same model until a model edit brings a new one, so unchanged draws are not recomputed.
 */
const drawsCache = keptWith((_model: CostModel) => new Map<string, Sample>())

/** Whether a claim holds under a scenario; null when it cannot be evaluated there. */
export function claimHolds(session: ModelSession, expression: string, scenario: string) {
  try {
    return session.claim(expression, scenario).holds
  } catch (error) {
    if (error instanceof ExprError) return null
    throw error
  }
}

function exprContext(
  evaluation: Evaluation,
  scenarios: readonly ScenarioDef[],
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
    scenarioNames: () => scenarios.map((s) => s.name),
  }
}

/** Results made once by key, each kept with the error its making threw, if it threw. */
type Outcomes<T> = Map<string, { readonly value: T } | { readonly error: unknown }>

/** `made` by `key`, made once; an error thrown in the making is kept and thrown again. */
function keptOrThrown<T>(made: Outcomes<T>, key: string, make: () => T): T {
  let found = made.get(key)
  if (!found) {
    try {
      found = { value: make() }
    } catch (error) {
      found = { error }
    }
    made.set(key, found)
  }
  if ('error' in found) throw found.error
  return found.value
}

/** `made` by `key` (compared as JSON), made once. */
function remembered<T>(made: Map<string, T>, key: readonly string[], make: () => T): T {
  const text = JSON.stringify(key)
  const found = made.get(text)
  if (found !== undefined) return found
  const value = make()
  made.set(text, value)
  return value
}
