/**
 * The one error type of the expression language. Every failure a directive author can cause —
 * syntax, unknown names, unit and type checks, arithmetic — is an ExprError with a character
 * span into the directive source, so the pipeline can underline the exact sub-expression.
 */

/** Stable kebab-case ids for each kind of failure; diagnostics and tests key on these. */
export type ExprRuleId =
  | 'expr-syntax'
  | 'unknown-figure'
  | 'unknown-unit'
  | 'unknown-function'
  | 'unknown-scenario'
  | 'wrong-arity'
  | 'invalid-argument'
  | 'unit-mismatch'
  | 'type-mismatch'
  | 'division-by-zero'
  | 'non-finite'

/** What an ExprError is built from. */
export interface ExprErrorInit {
  readonly ruleId: ExprRuleId
  /** Offset of the first offending character in the source (UTF-16 code units). */
  readonly start: number
  /** Offset just past the offending text; equals `start` for "end of expression". */
  readonly end: number
  /** "Unexpected X, expected Y", from messages.ts. */
  readonly reason: string
  /** A fix to try, such as "did you mean `sft.cost`?". */
  readonly hint?: string | undefined
}

/** A user-facing failure to parse or evaluate a directive expression. */
export class ExprError extends Error {
  readonly ruleId: ExprRuleId
  readonly start: number
  readonly end: number
  readonly reason: string
  readonly hint?: string

  constructor(init: ExprErrorInit) {
    super(init.hint === undefined ? init.reason : `${init.reason}; ${init.hint}`)
    this.name = 'ExprError'
    this.ruleId = init.ruleId
    this.start = init.start
    this.end = init.end
    this.reason = init.reason
    // Assigned only when present: with exactOptionalPropertyTypes an explicit undefined differs.
    if (init.hint !== undefined) this.hint = init.hint
  }
}
