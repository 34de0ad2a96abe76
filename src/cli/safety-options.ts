/**
 * The flags of issue 14 that every command shares or that `build` adds: `--debug` (a stack for
 * internal errors), `--force` (replace an output folder holding others' files) and `--strict`
 * (typed-number warnings become errors). Kept apart from args.ts so they re-apply in one line.
 */
import type { ParseArgsConfig } from 'node:util'
import { messages } from '../diagnostics/messages.ts'
import { BuildFailure, type Diagnostic } from '../diagnostics/report.ts'
import { TYPED_NUMBER_RULE } from '../pipeline/remark-typed-numbers.ts'

/** Options the build command adds. */
export const safetyOptions = {
  force: { type: 'boolean' },
  strict: { type: 'boolean' },
} as const satisfies NonNullable<ParseArgsConfig['options']>

/** `argv` without `--debug`, and whether it was there. */
export function takeDebug(argv: readonly string[]): { argv: string[]; debug: boolean } {
  return { argv: argv.filter((a) => a !== '--debug'), debug: argv.includes('--debug') }
}

/**
 * Under `--strict`, the typed-number warnings are errors, and so is a false claim the author
 * neither reworded nor flagged (`{flag}`, which leaves no warning): throws them as a BuildFailure.
 */
export function enforceStrict(warnings: readonly Diagnostic[], strict: boolean | undefined): void {
  if (!strict) return
  const typed = warnings.filter((w) => w.ruleId === TYPED_NUMBER_RULE || w.ruleId === 'claim-fails')
  if (typed.length > 0) throw new BuildFailure(typed.map((w) => ({ ...w, severity: 'error' })))
}

/** The lines printed for an internal error (a bug): one line, plus the stack under `--debug`. */
export function internalErrorText(error: unknown, debug: boolean): string {
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
  const m = messages.internalError(detail.split('\n')[0] ?? '')
  const stack = debug && error instanceof Error && error.stack ? `\n${error.stack}` : ''
  return `error: ${m.reason}\n  hint: ${m.hint}${stack}\n`
}
