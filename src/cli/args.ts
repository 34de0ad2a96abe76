/**
 * Argument parsing shared by the commands: node:util parseArgs in strict mode, its errors
 * turned into one-line CliErrors.
 */
import { type ParseArgsConfig, parseArgs } from 'node:util'
import { CliError } from '../diagnostics/errors.ts'
import { cliMessages } from '../diagnostics/messages.ts'
import { type CostModel, ModelError, type ScenarioEvaluation } from '../model/index.ts'
import { createModelSession, type ModelSession } from '../pipeline/session.ts'

/** Options every model-evaluating command accepts. */
export const scenarioOptions = {
  scenario: { type: 'string' },
  set: { type: 'string', multiple: true },
  samples: { type: 'string' },
  seed: { type: 'string' },
} as const satisfies NonNullable<ParseArgsConfig['options']>

/** `--samples` and `--seed` as numbers; a bad value names its flag. */
export function samplingFromFlags(values: {
  samples?: string | undefined
  seed?: string | undefined
}) {
  const whole = (flag: string, text: string | undefined, min: number): number | undefined => {
    if (text === undefined) return undefined
    const value = Number(text)
    if (Number.isInteger(value) && value >= min && value <= 1e7) return value
    const { reason, hint } = cliMessages.badWholeNumber(flag, text, min)
    throw new CliError(flag, reason, hint)
  }
  return { samples: whole('--samples', values.samples, 100), seed: whole('--seed', values.seed, 0) }
}

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
    const flags = Object.keys(options).map((name) => `--${name}`)
    const { reason, hint } = cliMessages.badArguments(
      message.replace(/\. To specify a positional argument.*$/s, ''),
      flags,
    )
    throw new CliError(command, reason, hint)
  }
}

/** The command-line flag a model error about a scenario or an override came from. */
export function flagFor(error: ModelError): string {
  return error.ruleId === 'unknown-scenario' ? '--scenario' : '--set'
}

/** Runs `action`; a ModelError about the scenario or a setting becomes an error at its flag. */
export async function withFlagErrors<T>(action: () => T | Promise<T>): Promise<T> {
  try {
    return await action()
  } catch (error) {
    if (error instanceof ModelError) throw new CliError(flagFor(error), error.reason, error.hint)
    throw error
  }
}

/** A model session for `--scenario`/`--set`; their errors name the flag. */
export function sessionFromFlags(
  model: CostModel,
  values: {
    scenario?: string | undefined
    set?: string[] | undefined
    samples?: string | undefined
    seed?: string | undefined
  },
): ModelSession {
  try {
    return createModelSession(model, {
      scenario: values.scenario,
      settings: values.set ?? [],
      ...samplingFromFlags(values),
    })
  } catch (error) {
    if (error instanceof ModelError) throw new CliError(flagFor(error), error.reason, error.hint)
    throw error
  }
}

/** The evaluation of the scenario `--scenario` names, with `--set` applied. */
export function evaluateFromFlags(
  model: CostModel,
  values: { scenario?: string | undefined; set?: string[] | undefined },
): ScenarioEvaluation {
  const session = sessionFromFlags(model, values)
  return session.evaluation(session.defaultScenario)
}
