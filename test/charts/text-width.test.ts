/** Chart text widths: realistic for a sans-serif, so Vega cuts nothing it could have fitted. */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { estimateTextWidth, vegaTextWidth } from '../../src/charts/text-width.ts'

test('narrow letters are narrower than wide ones, and width grows with the font size', () => {
  assert.ok(estimateTextWidth('iiii', 13) < estimateTextWidth('MMMM', 13))
  assert.equal(estimateTextWidth('', 13), 0)
  assert.ok(estimateTextWidth('Spot instances', 16) > estimateTextWidth('Spot instances', 13))
})

test('a typical label is about half an em a character: under 0.8 em, over 0.45 em', () => {
  for (const label of ['Paper-faithful, 1,024 tokens', 'Human at $0.30/pair', '$16,359']) {
    const perChar = estimateTextWidth(label, 13) / (label.length * 13)
    assert.ok(perChar > 0.45 && perChar < 0.8, `${label}: ${perChar}`)
  }
})

test("Vega's hook reads the item's font size (11 px by default) and an array as one line", () => {
  assert.equal(vegaTextWidth({ text: 'abc' }), estimateTextWidth('abc', 11))
  assert.equal(vegaTextWidth({ fontSize: 20 }, 'abc'), estimateTextWidth('abc', 20))
  assert.equal(vegaTextWidth({ fontSize: 0, text: 'abc' }), 0)
})

test('bold text is wider than regular', () => {
  assert.ok(
    vegaTextWidth({ fontSize: 14, fontWeight: 'bold' }, 'Reduction (×)') >
      vegaTextWidth({ fontSize: 14 }, 'Reduction (×)'),
  )
})
