/**
 * The one error type of the expression language. Every failure a directive author can cause —
 * syntax, unknown names, unit and type checks, arithmetic — is an ExprError with a character
 * span into the directive source, so the pipeline can underline the exact sub-expression.
 */

import type { RuleSubset } from '../diagnostics/rules.ts'
import { UserError } from '../diagnostics/user-error.ts'

/** Stable kebab-case ids for each kind of failure; diagnostics and tests key on these. */
export type ExprRuleId = RuleSubset<
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
>

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

/**
 * A user-facing failure to parse or evaluate a directive expression. Its place is a span of the
 * expression; the directive that holds it turns that into a line and column of the file.
 */
export class ExprError extends UserError {
  declare readonly ruleId: ExprRuleId
  readonly start: number
  readonly end: number

  constructor(init: ExprErrorInit) {
    super({ ruleId: init.ruleId, reason: init.reason, hint: init.hint })
    this.name = 'ExprError'
    this.start = init.start
    this.end = init.end
  }
}
