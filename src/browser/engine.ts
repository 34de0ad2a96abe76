/**
 * The page at the reader's inputs, computed by the model and formatter code that built it. Pure:
 * no DOM, so Node tests compare it with `build --set` directly. The reader's values are applied
 * like `--set`, on top of every scenario the page shows; a scenario picked as a starting point
 * just fills in its own values.
 */
import type { ExprNode } from '../expr/ast.ts'
import { compileExpression, type RowFunction } from '../expr/compile.ts'
import { figuresOf } from '../expr/figures.ts'
import { formatWithUnit } from '../format/figure.ts'
import { formatNumber } from '../format/number.ts'
import { type CompiledModel, type Evaluation, evaluate } from '../model/evaluate.ts'
import { parseSetting, scenarioOverrides } from '../model/overrides.ts'
import type { CostModel, Dataset } from '../model/types.ts'
import { pointRows } from '../whatif/chart-rows.ts'
import type { PageTable, TableExpr } from '../whatif/types.ts'

/** Input values the reader set, by input id, in the order set. */
export type ReaderValues = ReadonlyMap<string, number>

/** The page recomputed, or why it cannot be. */
export type PageState =
  | {
      readonly ok: true
      /** Each shown number's text, in page order (the table's order). */
      readonly texts: readonly string[]
      /** Whether each claim holds, by `data-claim`. */
      readonly holds: readonly boolean[]
      /** For each failing claim, the figures it read (`ratio.conservative = 8.2×`); else []. */
      readonly readings: readonly (readonly string[])[]
      /** Evaluations by scenario name (for popovers). */
      readonly evaluations: ReadonlyMap<string, Evaluation>
    }
  | { readonly ok: false; readonly message: string; readonly input?: string | undefined }

export interface Engine {
  readonly table: PageTable
  readonly compiled: CompiledModel
  /** The page under the reader's values. Never throws for a bad value: it says why. */
  compute(values: ReaderValues): PageState
  /** Checks one value of one input; returns the reason it is refused, or undefined. */
  refuse(id: string, value: number): string | undefined
  /** A scenario's own input values (a starting point for the panel). */
  scenarioValues(name: string): Map<string, number>
  /**
   * A chart's datasets under the reader's values, as `build --set` computes them; undefined if
   * one needs Monte Carlo draws. The values must have passed `compute`.
   */
  chartRows(
    values: ReaderValues,
    names: readonly string[],
  ): Record<string, Dataset['rows']> | undefined
}

/** Prepares a page's table for repeated evaluation. */
export function createEngine(model: CostModel, compiled: CompiledModel, table: PageTable): Engine {
  const indexOf = (id: string): number => {
    const i = compiled.index.get(id)
    if (i === undefined) throw new Error(`Unknown figure ${id} in the page table`)
    return i
  }
  const compile = (e: string | TableExpr): RowFunction => {
    if (typeof e === 'string') {
      const i = indexOf(e)
      return (values) => values[i] as number
    }
    return compileExpression(e as unknown as ExprNode, indexOf)
  }
  const numbers = table.numbers.map((n) => ({
    fn: compile(n.e),
    scenario: table.scenarios[n.s] ?? table.defaultScenario,
    format: n.f,
    suffix: n.x,
    bare: typeof n.e === 'string',
  }))
  const claims = table.claims.map((c) => ({
    fn: compile(c.e),
    scenario: table.scenarios[c.s] ?? table.defaultScenario,
    figures: typeof c.e === 'string' ? [c.e] : figuresOf(c.e),
  }))

  // Each scenario's own values, checked once (as evaluateScenarioOf checks them every time).
  const scenarioBase = new Map<string, Map<string, number>>()
  const baseOf = (name: string): Map<string, number> => {
    let found = scenarioBase.get(name)
    if (!found) {
      found = new Map(
        [...scenarioOverrides(compiled, model.scenarios, name)].map(([id, o]) => [id, o.value]),
      )
      scenarioBase.set(name, found)
    }
    return found
  }
  // The last texts, by number: a value that did not change is not formatted again.
  const lastValues = new Float64Array(numbers.length).fill(Number.NaN)
  const lastTexts: string[] = []

  const compute = (values: ReaderValues): PageState => {
    let checked: [string, number][]
    try {
      // Each reader value checked as `--set ID=VALUE` is (the same code, the same messages).
      checked = [...values].map(([id, v]) => [id, parseSetting(compiled, `${id}=${v}`).value])
    } catch (error) {
      return refused(error)
    }
    const evaluations = new Map<string, Evaluation>()
    const evaluation = (name: string): Evaluation => {
      let found = evaluations.get(name)
      if (!found) {
        // Exactly evaluateScenarioOf(compiled, scenarios, name, settings): the scenario's
        // overrides, then the reader's values on top, each checked against its constraint.
        const inputs = new Map(baseOf(name))
        for (const [id, v] of checked) inputs.set(id, v)
        found = evaluate(compiled, inputs)
        evaluations.set(name, found)
      }
      return found
    }
    const draws = (name: string) => evaluation(name).values
    try {
      const texts = numbers.map((n, i) => {
        const value = n.fn(evaluation(n.scenario).values, 0, draws)
        if (!Number.isFinite(value)) throw new Error(`a number on the page would be ${value}`)
        if (Object.is(value, lastValues[i]) && lastTexts[i] !== undefined) return lastTexts[i]
        const text = formatNumber(value, n.format) + n.suffix
        lastValues[i] = value
        lastTexts[i] = text
        return text
      })
      const holds = claims.map((c) => c.fn(evaluation(c.scenario).values, 0, draws) !== 0)
      // What a failing claim read, for the note that marks it.
      const readings = claims.map((c, k) => {
        if (holds[k]) return []
        const e = evaluation(c.scenario)
        return c.figures
          .filter((id) => e.has(id))
          .map((id) => `${id} = ${formatWithUnit(e.figure(id))}`)
      })
      return { ok: true, texts, holds, readings, evaluations }
    } catch (error) {
      return refused(error)
    }
  }
  const refuse = (id: string, value: number): string | undefined => {
    if (!Number.isFinite(value)) return 'Enter a number.'
    try {
      parseSetting(compiled, `${id}=${value}`)
      return undefined
    } catch (error) {
      return messageOf(error)
    }
  }
  const scenarioValues = (name: string): Map<string, number> =>
    new Map([...scenarioOverrides(compiled, model.scenarios, name)].map(([id, o]) => [id, o.value]))
  const chartRows = (values: ReaderValues, names: readonly string[]) =>
    // The session's evaluator (src/pipeline/session.ts): the scenario's values, the reader's as
    // `--set` on top, then the chart's own sweep values.
    pointRows(
      model,
      (scenario, extra) => {
        const inputs = new Map(baseOf(scenario))
        for (const [id, v] of values) inputs.set(id, v)
        for (const [id, v] of extra ?? []) inputs.set(id, v)
        return evaluate(compiled, inputs)
      },
      names,
    )
  return { table, compiled, compute, refuse, scenarioValues, chartRows }
}

/** `#set=price.gpuHour:1.25,human.price.conservative:0.5` → values; unknown parts are skipped. */
export function parseHash(hash: string): Map<string, number> {
  const values = new Map<string, number>()
  const match = /(?:^#|&)set=([^&]*)/.exec(hash)
  if (!match) return values
  for (const part of decodeURIComponent(match[1] ?? '').split(',')) {
    const colon = part.lastIndexOf(':')
    if (colon <= 0) continue
    const value = Number(part.slice(colon + 1))
    if (Number.isFinite(value)) values.set(part.slice(0, colon), value)
  }
  return values
}

/** The reader's values as the URL's hash; empty for none. */
export function formatHash(values: ReaderValues): string {
  if (values.size === 0) return ''
  return `#set=${[...values].map(([id, v]) => `${id}:${v}`).join(',')}`
}

/** The page's state when the reader's values are refused: the message, and the input it names. */
function refused(error: unknown): PageState {
  const figure = (error as { figure?: unknown }).figure
  return {
    ok: false,
    message: messageOf(error),
    input: typeof figure === 'string' ? figure : undefined,
  }
}

/** An error as the panel says it: the CLI's message, without the command line's wording. */
const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message.replace(/`/g, '').replace(' in --set', '') : String(error)
