/** The shape of `whatif.json`, shared by the build (src/whatif/table.ts) and the browser. */
import type { BinaryOperator, UnaryOperator } from '../expr/ast.ts'

/** An expression tree as the page table stores it (an ExprNode without positions). */
export type TableExpr =
  | { readonly type: 'number'; readonly value: number }
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'figure'; readonly id: string }
  | { readonly type: 'unary'; readonly operator: UnaryOperator; readonly argument: TableExpr }
  | {
      readonly type: 'binary'
      readonly operator: BinaryOperator
      readonly left: TableExpr
      readonly right: TableExpr
    }
  | { readonly type: 'call'; readonly callee: string; readonly arguments: readonly TableExpr[] }

/** One shown number: scenario index, figure id or expression tree, format, suffix. */
export interface TableNumber {
  readonly s: number
  readonly e: string | TableExpr
  readonly f: string
  readonly x: string
}

/** One claim: scenario index, expression tree, the claim in words. */
export interface TableClaim {
  readonly s: number
  readonly e: string | TableExpr
  readonly claim: string
}

/** An input the panel offers. */
export interface TableInput {
  readonly id: string
  readonly label: string
  readonly unit: string
  readonly source: string
  readonly note: string
  readonly format: string
  readonly value: number
  readonly constraint?: {
    readonly min?: number
    readonly max?: number
    readonly integer?: boolean
    readonly oneOf?: readonly number[]
  }
  /** Named values (GPU types), shown as a picker. */
  readonly choices?: readonly { readonly label: string; readonly value: number }[]
}

export interface PageTable {
  readonly version: 1
  /** The scenario the page was built under; index 0 of `scenarios`. */
  readonly defaultScenario: string
  /** Scenarios the page's numbers and claims are evaluated under. */
  readonly scenarios: readonly string[]
  readonly scenarioChoices: readonly { readonly name: string; readonly label: string }[]
  readonly numbers: readonly TableNumber[]
  readonly claims: readonly TableClaim[]
  readonly inputs: readonly TableInput[]
}
