/**
 * Model errors: problems with the model itself (a dependency cycle, a non-finite result) or with
 * what a user asked of it (an unknown id, a bad override). Each names the figure involved.
 */
import type { RuleSubset } from '../diagnostics/rules.ts'
import { UserError } from '../diagnostics/user-error.ts'

/** Rule ids of model errors. */
export type ModelRuleId = RuleSubset<
  | 'model-cycle'
  | 'model-unknown-dependency'
  | 'model-duplicate-id'
  | 'model-formula-arity'
  | 'non-finite-figure'
  | 'unknown-figure'
  | 'override-derived'
  | 'override-invalid'
  | 'unknown-scenario'
  | 'uncertainty-invalid'
>

/** A model problem with the figure it concerns and a hint at the fix. */
export class ModelError extends UserError {
  declare readonly ruleId: ModelRuleId
  readonly figure: string | undefined

  constructor(
    ruleId: ModelRuleId,
    reason: string,
    options: { figure?: string; hint?: string } = {},
  ) {
    super({ ruleId, reason, hint: options.hint, place: { figure: options.figure } })
    this.name = 'ModelError'
    this.figure = options.figure
  }
}
