/**
 * An internal error (a bug, not the user's content) prints one line asking for a report, and its
 * stack only under --debug; --debug is taken out of the arguments before a command parses them.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { enforceStrict, internalErrorText, takeDebug } from '../../src/cli/safety-options.ts'
import { messages } from '../../src/diagnostics/messages.ts'
import { BuildFailure, type Diagnostic } from '../../src/diagnostics/report.ts'
import { TYPED_NUMBER_RULE } from '../../src/pipeline/remark-typed-numbers.ts'

test('one line and a hint without --debug; the stack with it', () => {
  const error = new TypeError('Cannot read properties of undefined')
  const plain = internalErrorText(error, false)
  const m = messages.internalError('TypeError: Cannot read properties of undefined')
  assert.equal(plain, `error: ${m.reason}\n  hint: ${m.hint}\n`)
  assert.doesNotMatch(plain, /\n\s+at /)
  assert.match(internalErrorText(error, true), /\n\s+at /)
})

test('--debug is removed from the arguments', () => {
  assert.deepEqual(takeDebug(['build', '--debug', '--out', 'x']), {
    argv: ['build', '--out', 'x'],
    debug: true,
  })
})

test('--strict turns typed-number warnings and unflagged false claims into errors', () => {
  const typed: Diagnostic = {
    place: 'content/a.md:1:1',
    reason: 'typed',
    ruleId: TYPED_NUMBER_RULE,
    severity: 'warning',
  }
  // A claim kept with {flag} leaves no warning; one neither reworded nor flagged does.
  const claim: Diagnostic = { ...typed, ruleId: 'claim-fails' }
  const other: Diagnostic = { ...typed, ruleId: 'claim-unlikely' }
  enforceStrict([other], true)
  enforceStrict([typed, claim], false)
  assert.throws(
    () => enforceStrict([typed, claim, other], true),
    (error: unknown) =>
      error instanceof BuildFailure &&
      error.diagnostics.length === 2 &&
      error.diagnostics.every((d) => d.severity === 'error'),
  )
})
