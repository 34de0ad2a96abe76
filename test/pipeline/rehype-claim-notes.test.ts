/**
 * An editor's note links to its claim's row only when the page has that row: with no claims
 * table, or for a claim in a `:::scenario` block (the table lists the page scenario's claims),
 * the note carries its explanation as text. Fixtures: test/fixtures/claim-note-*.
 */
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import { buildOne } from '../helpers.ts'

async function notes(fixture: string) {
  const input = readFileSync(join(process.cwd(), 'test', 'fixtures', fixture, 'input.md'))
  const { result } = await buildOne(input)
  const html = result?.files.get('input/index.html') ?? ''
  const ids = new Set([...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]))
  const sups = html.match(/<sup class="claim-flag">.*?<\/sup>/g) ?? []
  const targets = sups.flatMap((sup) => [...sup.matchAll(/href="#([^"]*)"/g)].map((m) => m[1]))
  return { sups, targets, ids }
}

for (const fixture of ['claim-note-no-table', 'claim-note-in-scenario']) {
  test(`${fixture}: the note explains itself and links nowhere`, async () => {
    const { sups, targets } = await notes(fixture)
    assert.equal(sups.length, 1, 'one note at the sentence')
    assert.deepEqual(targets, [])
    assert.match(sups[0] ?? '', /does not hold.*ratio\.conservative = [\d.]+×/)
    assert.match(sups[0] ?? '', /Editor's note: the claim/)
  })
}

test('claim-note-linked: with the claim in the claims table, the note links to its row', async () => {
  const { sups, targets, ids } = await notes('claim-note-linked')
  assert.equal(sups.length, 1)
  assert.equal(targets.length, 1)
  for (const target of targets) assert.ok(ids.has(target), `#${target} exists`)
})
