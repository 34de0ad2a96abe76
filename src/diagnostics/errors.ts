/**
 * User errors raised outside a content file: a bad command-line argument. Content errors are
 * vfile messages instead; both end up in report.ts.
 */
import { UserError } from './user-error.ts'

/** A bad command-line argument: the flag (or command), what was wrong, and a hint. */
export class CliError extends UserError {
  readonly flag: string

  constructor(flag: string, reason: string, hint?: string) {
    super({ ruleId: 'cli-usage', reason, hint, place: { flag } })
    this.name = 'CliError'
    this.flag = flag
  }
}
