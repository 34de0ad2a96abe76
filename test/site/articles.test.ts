/** A page that stalls is stopped at its time budget with an error naming it. */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { BuildFailure } from '../../src/diagnostics/report.ts'
import { withinBudget } from '../../src/site/articles.ts'

test('a stalled page fails with page-timeout at its path', async () => {
  const stalled = new Promise<never>(() => undefined)
  const failure = await withinBudget('content/slow.md', stalled, 0.05).catch((e: unknown) => e)
  assert.ok(failure instanceof BuildFailure)
  assert.equal(failure.diagnostics[0]?.ruleId, 'page-timeout')
  assert.equal(failure.diagnostics[0]?.place, 'content/slow.md')
  assert.equal(await withinBudget('content/fast.md', Promise.resolve(7), 0.05), 7)
})
