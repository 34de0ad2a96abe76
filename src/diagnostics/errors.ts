/**
 * User errors raised outside a content file (command line, configuration). Content errors are
 * vfile messages instead; both end up in report.ts.
 */

/** A bad command-line argument: the flag, what was wrong, and a hint. */
export class CliError extends Error {
  readonly flag: string
  readonly reason: string
  readonly hint: string | undefined

  constructor(flag: string, reason: string, hint?: string) {
    super(`${flag}: ${reason}`)
    this.name = 'CliError'
    this.flag = flag
    this.reason = reason
    this.hint = hint
  }
}
