/**
 * `UPDATE=1`: the one switch that lets tests rewrite their expected output (chart SVG snapshots,
 * fixture messages). Without it a missing or different expectation fails; with `CI` set it is
 * refused, so a CI run can never approve its own output.
 */
import assert from 'node:assert/strict'

/** Whether this run may rewrite expectations; fails the calling test under CI. */
export function updateRequested(): boolean {
  const update = process.env.UPDATE
  if (!update || update === '0') return false
  if (process.env.CI) {
    assert.fail(
      'UPDATE is refused when CI is set: CI only compares. Run with UPDATE=1 locally and commit the result.',
    )
  }
  return true
}
