/**
 * Evaluating a directive's expression label: parse, evaluate under the directive's scenario,
 * and report any ExprError at its exact place in the file (label offset + expression offset).
 */

import { messages } from '../../diagnostics/messages.ts'
import { ExprError, type ExprValue } from '../../expr/index.ts'
import { ModelError } from '../../model/index.ts'
import type { DirectiveEnv } from './spec.ts'

/** A successfully evaluated expression and the figures it read. */
export interface Evaluated {
  readonly source: string
  readonly result: ExprValue
  readonly figures: readonly string[]
  /** Scenarios entered through `scenario("name", …)`. */
  readonly scenarios: readonly string[]
}

/** Evaluates the label of `env` as a number or claim; reports and returns undefined on error. */
export function evaluateLabel(env: DirectiveEnv, example: string): Evaluated | undefined {
  return runLabel(env, example, (source) => ({
    source,
    ...env.session.evaluate(source, env.scenario),
  }))
}

/**
 * Runs `run` on the label's expression; an ExprError is reported at its exact place in the file
 * (label offset + expression offset), a ModelError at the directive. Returns undefined then.
 */
export function runLabel<T>(
  env: DirectiveEnv,
  example: string,
  run: (source: string) => T,
): T | undefined {
  const label = env.label
  const source = label?.text.trim() ?? ''
  if (!label || source === '') {
    env.error(
      {
        reason: `Unexpected empty directive, expected an expression in brackets`,
        hint: `for example \`${example}\``,
      },
      'missing-expression',
    )
    return undefined
  }
  const lead = label.text.length - label.text.trimStart().length
  try {
    return run(source)
  } catch (error) {
    if (error instanceof ExprError) {
      const start = label.offset + lead + error.start
      const end = label.offset + lead + Math.max(error.end, error.start + 1)
      env.error(
        { reason: error.reason, hint: error.hint ?? messages.exprHints[error.ruleId] },
        error.ruleId,
        { start, end },
      )
      return undefined
    }
    if (error instanceof ModelError) {
      env.error({ reason: error.reason, hint: error.hint }, error.ruleId)
      return undefined
    }
    throw error
  }
}
