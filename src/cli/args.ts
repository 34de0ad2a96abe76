/**
 * Argument parsing shared by the commands: node:util parseArgs in strict mode, its errors
 * turned into one-line CliErrors.
 */
import { type ParseArgsConfig, parseArgs } from 'node:util'
import { CliError, flagFor } from '../diagnostics/errors.ts'
import { evaluateScenario, ModelError, type ScenarioEvaluation } from '../model/index.ts'

/** Options every model-evaluating command accepts. */
export const scenarioOptions = {
  scenario: { type: 'string' },
  set: { type: 'string', multiple: true },
} as const satisfies NonNullable<ParseArgsConfig['options']>

/** Parses `argv` against `options`; unknown flags and missing values become CliErrors. */
export function parse<O extends NonNullable<ParseArgsConfig['options']>>(
  command: string,
  argv: readonly string[],
  options: O,
  allowPositionals = false,
) {
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals })
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    const flags = Object.keys(options)
      .map((name) => `--${name}`)
      .join(', ')
    throw new CliError(
      command,
      message.replace(/\. To specify a positional argument.*$/s, ''),
      `known options: ${flags}`,
    )
  }
}

/** Evaluates the model for `--scenario`/`--set`; their errors name the flag. */
export function evaluateFromFlags(values: {
  scenario?: string | undefined
  set?: string[] | undefined
}): ScenarioEvaluation {
  try {
    return evaluateScenario({
      ...(values.scenario === undefined ? {} : { scenario: values.scenario }),
      settings: values.set ?? [],
    })
  } catch (error) {
    if (error instanceof ModelError)
      throw new CliError(flagFor(error.ruleId), error.reason, error.hint)
    throw error
  }
}
