/**
 * The one user-error type of the product: a rule id, a reason ("Unexpected X, expected Y"), a
 * hint and the place it concerns (a file position, a command-line flag or a model figure).
 * Each part of the pipeline throws these (ExprError, ChartError, ModelError… only add the
 * place their callers need); the command line prints any of them the same way and exits 1.
 */
import type { RuleId } from './rules.ts'

/** Where a user error is: a file position, a flag, or a figure of the model. */
export interface Place {
  /** Path relative to the project root. */
  readonly file?: string | undefined
  readonly line?: number | undefined
  readonly column?: number | undefined
  /** A command-line flag or command (`--set`, `explain`). */
  readonly flag?: string | undefined
  /** A model figure or input id. */
  readonly figure?: string | undefined
}

/** What a UserError is made of. */
export interface UserErrorInit {
  readonly ruleId: RuleId
  readonly reason: string
  readonly hint?: string | undefined
  readonly place?: Place | undefined
  readonly cause?: unknown
}

// A brand rather than `instanceof`: the dev server imports a freshly bundled model, whose errors
// come from another copy of this module.
const brand = Symbol.for('economics-of-alignment.user-error')

/** A problem the user can fix, with where it is and how. */
export class UserError extends Error {
  readonly ruleId: RuleId
  readonly reason: string
  readonly hint: string | undefined
  readonly place: Place

  constructor(init: UserErrorInit) {
    super(init.hint ? `${init.reason} (${init.hint})` : init.reason, { cause: init.cause })
    this.name = 'UserError'
    this.ruleId = init.ruleId
    this.reason = init.reason
    this.hint = init.hint
    this.place = init.place ?? {}
    Object.defineProperty(this, brand, { value: true })
  }
}

/** Whether `error` is a UserError (from any copy of this module). */
export function isUserError(error: unknown): error is UserError {
  return typeof error === 'object' && error !== null && brand in error
}

/** The place as the terminal shows it: `content/a.md:3:5`, `--set`, `model sft.cost`. */
export function placeText(place: Place): string {
  if (place.file !== undefined)
    return [place.file, place.line, place.column].filter((p) => p !== undefined).join(':')
  if (place.flag !== undefined) return place.flag
  return place.figure !== undefined ? `model ${place.figure}` : 'model'
}
