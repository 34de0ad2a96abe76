/**
 * scripts/sources.mjs: what bin/article.mjs checks lib/ against. The stamp of sizes and times
 * holds only while no source was added, removed, touched or written as late as the record; the
 * hash decides when it does not hold.
 */
import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, test } from 'node:test'
// @ts-expect-error: a plain ES module of the build scripts, without types
import { sourceHash, sourceStamp, stampHolds } from '../../scripts/sources.mjs'

const dirs: string[] = []
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

/** A project root (ending in a separator, as bin/article.mjs gives it) with two sources. */
function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sources-'))
  dirs.push(dir)
  mkdirSync(join(dir, 'src', 'model'), { recursive: true })
  writeFileSync(join(dir, 'src', 'main.ts'), 'export const a = 1\n')
  writeFileSync(join(dir, 'src', 'model', 'inputs.ts'), 'export const b = 2\n')
  writeFileSync(join(dir, 'src', 'notes.md'), 'not a source\n')
  // Written a while ago, as a checkout is before its compile.
  const past = new Date(Date.now() - 60_000)
  for (const file of ['main.ts', 'model/inputs.ts']) utimesSync(join(dir, 'src', file), past, past)
  return `${dir}/`
}

test('the stamp lists each source with its size and time, in a stable order', () => {
  const root = project()
  const stamp = sourceStamp(root)
  assert.deepEqual(
    stamp.map(([path, size]: [string, number]) => [path, size]),
    [
      ['src/main.ts', 19],
      ['src/model/inputs.ts', 19],
    ],
  )
  assert.equal(sourceHash(root), sourceHash(root))
  assert.match(sourceHash(root), /^[0-9a-f]{16}$/)
})

test('the stamp holds while nothing changed, and not after a touch, an edit or a new file', () => {
  const root = project()
  const stamp = sourceStamp(root)
  const now = Date.now()
  assert.equal(stampHolds(root, stamp, now), true)
  // Written in the record's own tick: the time cannot vouch for the text.
  const latest = Math.max(...stamp.map(([, , time]: [string, number, number]) => time))
  assert.equal(stampHolds(root, stamp, latest), false)
  assert.equal(stampHolds(root, undefined, now), false)

  const hash = sourceHash(root)
  utimesSync(join(root, 'src', 'main.ts'), new Date(), new Date())
  assert.equal(stampHolds(root, stamp, now), false)
  // Touched, not changed: the hash still matches, so the compiled code still runs.
  assert.equal(sourceHash(root), hash)

  writeFileSync(join(root, 'src', 'main.ts'), 'export const a = 3\n')
  assert.notEqual(sourceHash(root), hash)

  const fresh = project()
  const freshStamp = sourceStamp(fresh)
  writeFileSync(join(fresh, 'src', 'extra.ts'), '')
  assert.equal(stampHolds(fresh, freshStamp, Date.now() + 1000), false)
})
