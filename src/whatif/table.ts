/**
 * The page table of the "Try your own numbers" panel: every number the page shows (in page
 * order, as the `[data-figure]` elements stand) and every claim (matching `data-claim`), with
 * its expression already parsed into a small tree, its scenario, format and suffix. The browser
 * recomputes the page from this table with the same model and formatter code; it ships no
 * expression parser. Written next to the page as `whatif.json`.
 */
import type { VFile } from 'vfile'
import { type ExprNode, parseExpression } from '../expr/index.ts'
import type { ShownNumber } from '../pipeline/records.ts'
import type { ModelSession } from '../pipeline/session.ts'
import { panelInputs } from './inputs.ts'
import type { PageTable, TableExpr, TableInput } from './types.ts'

declare module 'vfile' {
  interface DataMap {
    /** Every computed number as its element stands in page order (title first), as the `[data-figure]` elements stand. */
    pageNumbers: ShownNumber[]
  }
}

/** An expression tree without source positions: only what evaluation needs. */
export function stripExpr(node: ExprNode): TableExpr {
  switch (node.type) {
    case 'number':
      return { type: 'number', value: node.value }
    case 'string':
      return { type: 'string', value: node.value }
    case 'figure':
      return { type: 'figure', id: node.id }
    case 'unary':
      return { type: 'unary', operator: node.operator, argument: stripExpr(node.argument) }
    case 'binary':
      return {
        type: 'binary',
        operator: node.operator,
        left: stripExpr(node.left),
        right: stripExpr(node.right),
      }
    case 'call':
      return { type: 'call', callee: node.callee, arguments: node.arguments.map(stripExpr) }
  }
}

/** A bare figure id stays a string (most numbers); anything else is a tree. */
function compact(expression: string, figure: string | undefined): string | TableExpr {
  return figure ?? stripExpr(parseExpression(expression))
}

/** The page table of a processed page. */
export function pageTable(
  file: VFile,
  session: ModelSession,
  inputIds?: readonly string[],
): PageTable {
  const scenarios: string[] = []
  const scenarioIndex = (name: string): number => {
    let i = scenarios.indexOf(name)
    if (i < 0) i = scenarios.push(name) - 1
    return i
  }
  scenarioIndex(session.defaultScenario)
  const numbers = (file.data.pageNumbers ?? []).map((r) => ({
    s: scenarioIndex(r.scenario),
    e: compact(r.expression, r.figure),
    f: r.format,
    x: r.suffix,
  }))
  const claims = (file.data.claims ?? []).map((c) => ({
    s: scenarioIndex(c.scenario),
    e: compact(c.expression, undefined),
    claim: c.claim,
  }))
  const evaluation = session.evaluation(session.defaultScenario).evaluation
  const inputs: TableInput[] = panelInputs(session.model, inputIds).map((def) => {
    const figure = evaluation.figure(def.id)
    return {
      id: def.id,
      label: def.label,
      unit: def.unit,
      source: def.source,
      note: def.note,
      format: figure.format,
      value: def.value,
      ...(def.constraint ? { constraint: { ...def.constraint } } : {}),
      ...(def.choices ? { choices: def.choices } : {}),
    }
  })
  return {
    version: 1,
    defaultScenario: session.defaultScenario,
    scenarios,
    scenarioChoices: session.scenarios.map((s) => ({ name: s.name, label: s.label })),
    numbers,
    claims,
    inputs,
  }
}
