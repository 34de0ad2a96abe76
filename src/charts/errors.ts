/**
 * The one error type the chart stage throws for problems in content (a spec or its data). It carries
 * what the build's reporter needs to print `file:line:column reason (hint)` without a stack trace.
 */

/** Kebab-case rule ids, stable so tests and the reporter can match on them. */
export type ChartRuleId =
  | 'chart-unknown-dataset'
  | 'chart-unknown-field'
  | 'chart-compile'
  | 'chart-warning'
  | 'chart-invalid-json'
  | 'chart-inline-data'
  | 'chart-too-large'

/** The data a ChartError is built from (see messages.ts for the catalog that produces these). */
export interface ChartErrorDetails {
  ruleId: ChartRuleId
  reason: string
  hint?: string
  /** The spec file, when the caller knows it. */
  specFile?: string
  /** 1-based line in the spec file. */
  specLine?: number
  /** 1-based column (UTF-16 code units, as editors count) in the spec file. */
  specColumn?: number
  /**
   * JSON pointer (RFC 6901) to the offending value in the spec, e.g. `/layer/1/encoding/y/field`.
   * The renderer only sees parsed JSON; `withSpecPosition` in spec.ts turns this into line:column.
   */
  specPointer?: string
}

/** A user-facing chart problem: a reason, an optional hint, a rule id and where in the spec. */
export class ChartError extends Error {
  readonly ruleId: ChartRuleId
  readonly reason: string
  declare readonly hint?: string
  declare readonly specFile?: string
  declare readonly specLine?: number
  declare readonly specColumn?: number
  declare readonly specPointer?: string

  constructor(details: ChartErrorDetails, options?: { cause?: unknown }) {
    super(details.reason, options)
    this.name = 'ChartError'
    this.ruleId = details.ruleId
    this.reason = details.reason
    // exactOptionalPropertyTypes: only set optional fields that have a value.
    if (details.hint !== undefined) this.hint = details.hint
    if (details.specFile !== undefined) this.specFile = details.specFile
    if (details.specLine !== undefined) this.specLine = details.specLine
    if (details.specColumn !== undefined) this.specColumn = details.specColumn
    if (details.specPointer !== undefined) this.specPointer = details.specPointer
  }

  /** The plain details, e.g. to rebuild the error with a position added. */
  details(): ChartErrorDetails {
    const { ruleId, reason, hint, specFile, specLine, specColumn, specPointer } = this
    return {
      ruleId,
      reason,
      ...(hint !== undefined && { hint }),
      ...(specFile !== undefined && { specFile }),
      ...(specLine !== undefined && { specLine }),
      ...(specColumn !== undefined && { specColumn }),
      ...(specPointer !== undefined && { specPointer }),
    }
  }
}

/** Narrowing helper for catch blocks. */
export function isChartError(error: unknown): error is ChartError {
  return error instanceof ChartError
}
