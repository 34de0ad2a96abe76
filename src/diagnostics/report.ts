/**
 * Turns user errors into the lines the terminal shows: `place: error: reason` plus a hint,
 * never a stack trace. Anything that is not a user error is a bug and keeps its stack.
 */
import { isUserError, placeText, type UserError } from './user-error.ts'

/** A problem located in a file (content, template, chart spec) or at a command-line flag. */
export interface Diagnostic {
  /** `content/article.md:12:5`, `templates/article.njk:3`, or `--set`. */
  readonly place: string
  readonly reason: string
  readonly hint?: string | undefined
  readonly ruleId?: string | undefined
  readonly severity: 'error' | 'warning'
}

/** Raised by the build when it stops on located errors; carries every one of them. */
export class BuildFailure extends Error {
  readonly diagnostics: readonly Diagnostic[]

  constructor(diagnostics: readonly Diagnostic[]) {
    super(`${diagnostics.length} error(s)`)
    this.name = 'BuildFailure'
    this.diagnostics = diagnostics
  }
}

/** One diagnostic as terminal text. */
export function formatDiagnostic(d: Diagnostic): string {
  const rule = d.ruleId ? `  [${d.ruleId}]` : ''
  const hint = d.hint ? `\n  hint: ${d.hint}` : ''
  return `${d.place}: ${d.severity}: ${d.reason}${rule}${hint}`
}

/** A user error as a diagnostic. */
export function diagnosticOf(error: UserError): Diagnostic {
  return {
    place: placeText(error.place),
    reason: error.reason,
    hint: error.hint,
    // Command-line usage errors read better without a rule id.
    ruleId: error.ruleId === 'cli-usage' ? undefined : error.ruleId,
    severity: 'error',
  }
}

/** Known user errors as diagnostics; undefined for anything else (a bug). */
export function toDiagnostics(error: unknown): Diagnostic[] | undefined {
  if (error instanceof BuildFailure) return [...error.diagnostics]
  if (isUserError(error)) return [diagnosticOf(error)]
  return undefined
}
