/**
 * site/write.ts: text in parts is written as the bytes of its parts one after another, whatever
 * their mix and size: strings of one- and two-byte characters and surrogate pairs, encoded parts
 * small enough to copy and large enough to write on their own, and strings larger than the
 * buffer they are encoded in.
 */
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, test } from 'node:test'
import { decodedContent } from '../../src/site/sink.ts'
import { folderWriter } from '../../src/site/write.ts'

const dir = mkdtempSync(join(tmpdir(), 'write-'))
after(() => rmSync(dir, { recursive: true, force: true }))

const bytesOf = (parts: readonly (string | Uint8Array)[]): Buffer =>
  Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : part)))

test('text in parts is written as its parts, in order, and read back as the same text', async () => {
  const write = folderWriter(dir)
  const cases: (string | Uint8Array)[][] = [
    [],
    ['plain ascii'],
    ['two-byte – × ≈ ', 'and astral 𝛼𝛽 ', Buffer.from('encoded – part'), 'after'],
    // Many small parts, then one string larger than the 1 MB encoding buffer (three bytes a
    // character at most), then an encoded part too large to copy.
    [
      ...Array.from({ length: 5000 }, (_, i) => `${i}–`),
      '–'.repeat(400_000),
      Buffer.alloc(1_500_000, 0x61),
      'end',
    ],
  ]
  for (const [i, parts] of cases.entries()) {
    await write(`case-${i}.txt`, { parts })
    assert.deepEqual(readFileSync(join(dir, `case-${i}.txt`)), bytesOf(parts), `case ${i}`)
    assert.equal(decodedContent({ parts }), bytesOf(parts).toString('utf8'), `case ${i}`)
  }
})

test('an encoded part may end inside a character that the next part finishes', () => {
  const [a, b] = [Buffer.from('é'), Buffer.from('𝛼')]
  const parts = [a.subarray(0, 1), Buffer.concat([a.subarray(1), b.subarray(0, 2)]), b.subarray(2)]
  assert.equal(decodedContent({ parts }), 'é𝛼')
})
