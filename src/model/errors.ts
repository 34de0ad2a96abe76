/**
 * Model errors: problems with the model itself (a dependency cycle, a non-finite result) or with
 * what a user asked of it (an unknown id, a bad override). Each names the figure involved.
 */

/** Kebab-case rule ids of model errors. */
export type ModelRuleId =
  | 'model-cycle'
  | 'model-unknown-dependency'
  | 'model-duplicate-id'
  | 'non-finite-figure'
  | 'unknown-figure'
  | 'override-derived'
  | 'override-invalid'
  | 'unknown-scenario'

/** A model problem with the figure it concerns and a hint at the fix. */
export class ModelError extends Error {
  readonly ruleId: ModelRuleId
  readonly figure: string | undefined
  readonly reason: string
  readonly hint: string | undefined

  constructor(
    ruleId: ModelRuleId,
    reason: string,
    options: { figure?: string; hint?: string } = {},
  ) {
    super(options.hint ? `${reason} (${options.hint})` : reason)
    this.name = 'ModelError'
    this.ruleId = ruleId
    this.reason = reason
    this.figure = options.figure
    this.hint = options.hint
  }
}
