/**
 * Every rule id of the catalog (src/diagnostics/rules.ts) is exercised: it appears in a
 * fixture's expected messages (`[rule-id]`) or is asserted by a test (the id quoted in a test
 * file). An id nothing exercises is either dead or untested.
 */
import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import { rules } from '../../src/diagnostics/rules.ts'

const testDir = join(import.meta.dirname, '..')

function files(dir: string, keep: (name: string) => boolean): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return files(path, keep)
    return keep(entry.name) ? [path] : []
  })
}

test('every rule id is exercised by a fixture or a test', () => {
  const fixtures = files(join(testDir, 'fixtures'), (n) => n === 'messages.txt').map((p) =>
    readFileSync(p, 'utf8'),
  )
  const tests = files(testDir, (n) => n.endsWith('.ts') && n !== 'rules.test.ts').map((p) =>
    readFileSync(p, 'utf8'),
  )
  const unexercised = Object.keys(rules).filter(
    (id) =>
      !fixtures.some((text) => text.includes(`[${id}]`)) &&
      !tests.some((text) => [`'${id}'`, `[${id}]`, ` ${id}: `].some((form) => text.includes(form))),
  )
  assert.deepEqual(unexercised, [])
})
