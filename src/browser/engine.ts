/**
 * The page at the reader's inputs, computed by the model and formatter code that built it. Pure:
 * no DOM, so Node tests compare it with `build --set` directly. The reader's values are applied
 * like `--set`, on top of every scenario the page shows; a scenario picked as a starting point
 * just fills in its own values.
 */
import type { ExprNode } from '../expr/ast.ts'
import { compileExpression, type RowFunction } from '../expr/compile.ts'
import { formatWithUnit } from '../format/figure.ts'
import { formatNumber } from '../format/number.ts'
import type { CompiledModel, Evaluation } from '../model/evaluate.ts'
import { evaluateScenarioOf } from '../model/index.ts'
import { parseSetting, scenarioOverrides } from '../model/overrides.ts'
import type { CostModel } from '../model/types.ts'
import type { PageTable, TableExpr } from '../whatif/types.ts'

/** Input values the reader set, by input id, in the order set. */
export type ReaderValues = ReadonlyMap<string, number>

/** The page recomputed, or why it cannot be. */
export type PageState =
  | {
      readonly ok: true
      /** Each shown number's text, by `data-n`. */
      readonly texts: readonly string[]
      /** Whether each claim holds, by `data-claim`. */
      readonly holds: readonly boolean[]
      /** For each claim, the figures it read, formatted (`ratio.conservative = 8.2×`). */
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
}

function figuresOf(node: TableExpr, out: string[] = []): string[] {
  switch (node.type) {
    case 'figure':
      if (!out.includes(node.id)) out.push(node.id)
      break
    case 'unary':
      figuresOf(node.argument, out)
      break
    case 'binary':
      figuresOf(node.left, out)
      figuresOf(node.right, out)
      break
    case 'call':
      for (const a of node.arguments) figuresOf(a, out)
      break
  }
  return out
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
  const message = (error: unknown): string =>
    error instanceof Error ? error.message.replace(/`/g, '') : String(error)

  const compute = (values: ReaderValues): PageState => {
    const settings = [...values].map(([id, v]) => `${id}=${v}`)
    const evaluations = new Map<string, Evaluation>()
    const evaluation = (name: string): Evaluation => {
      let found = evaluations.get(name)
      if (!found) {
        found = evaluateScenarioOf(compiled, model.scenarios, name, settings).evaluation
        evaluations.set(name, found)
      }
      return found
    }
    const draws = (name: string) => evaluation(name).values
    try {
      const texts = numbers.map((n) => {
        const value = n.fn(evaluation(n.scenario).values, 0, draws)
        if (!Number.isFinite(value)) throw new Error(`a number on the page would be ${value}`)
        return formatNumber(value, n.format) + n.suffix
      })
      const holds = claims.map((c) => c.fn(evaluation(c.scenario).values, 0, draws) !== 0)
      const readings = claims.map((c) => {
        const e = evaluation(c.scenario)
        return c.figures.filter((id) => e.has(id)).map((id) => `${id} = ${formatWithUnit(e.figure(id))}`)
      })
      return { ok: true, texts, holds, readings, evaluations }
    } catch (error) {
      const figure = (error as { figure?: unknown }).figure
      return {
        ok: false,
        message: message(error),
        input: typeof figure === 'string' ? figure : undefined,
      }
    }
  }
  const refuse = (id: string, value: number): string | undefined => {
    if (!Number.isFinite(value)) return 'Enter a number.'
    try {
      parseSetting(compiled, `${id}=${value}`)
      return undefined
    } catch (error) {
      return message(error)
    }
  }
  const scenarioValues = (name: string): Map<string, number> =>
    new Map([...scenarioOverrides(compiled, model.scenarios, name)].map(([id, o]) => [id, o.value]))
  return { table, compiled, compute, refuse, scenarioValues }
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
