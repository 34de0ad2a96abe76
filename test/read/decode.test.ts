/**
 * Decoding inputs: valid UTF-8 decodes as the platform does (less a BOM, with LF endings); any
 * other bytes fail at the first bad byte. And a page over its time budget fails naming the page.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { BuildFailure } from '../../src/diagnostics/report.ts'
import { decodeText, firstInvalidByte, normaliseText } from '../../src/read/decode.ts'
import { withinBudget } from '../../src/site/articles.ts'

test('valid UTF-8 decodes like TextDecoder, without BOM and CR', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary' }), (text) => {
      const bytes = Buffer.from(text)
      assert.equal(decodeText('x', bytes), normaliseText(text))
      assert.equal(firstInvalidByte(bytes), bytes.length)
    }),
    { seed: 14, numRuns: 300 },
  )
})

test('invalid bytes fail at the first one, as the strict decoder sees it', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
      let valid = true
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes)
      } catch {
        valid = false
      }
      if (valid) return
      const first = firstInvalidByte(bytes)
      assert.ok(first < bytes.length)
      // Everything before the first bad byte is valid on its own.
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, first))
      assert.throws(() => decodeText('x', bytes), BuildFailure)
    }),
    { seed: 14, numRuns: 500 },
  )
})

test('CRLF, a lone CR and a BOM become LF without a BOM', () => {
  assert.equal(normaliseText('\uFEFFa\r\nb\rc\n'), 'a\nb\nc\n')
})

test('a page over its time budget fails naming the page', async () => {
  await assert.rejects(
    withinBudget('content/slow.md', new Promise(() => undefined), 0.05),
    (error: unknown) =>
      error instanceof BuildFailure && error.diagnostics[0]?.place === 'content/slow.md',
  )
  assert.equal(await withinBudget('content/fast.md', Promise.resolve(1), 1), 1)
})
