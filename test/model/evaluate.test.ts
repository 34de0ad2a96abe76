/**
 * evaluate() hands out its values as views on shared blocks of memory (slabView): every
 * evaluation must keep its own values, across blocks, whatever is evaluated after it.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { articleModel, evaluate } from '../../src/model/index.ts'

test('evaluations made one after another keep their own values', () => {
  const derived = 'synthetic.total'
  const price = (i: number) => 1 + (i % 13) / 4
  // Enough evaluations to fill several 64 KB blocks.
  const kept = Array.from({ length: 2000 }, (_, i) =>
    evaluate(articleModel, new Map([['price.gpuHour', price(i)]])),
  )
  const expected = Array.from({ length: 13 }, (_, i) =>
    evaluate(articleModel, new Map([['price.gpuHour', price(i)]])).value(derived),
  )
  kept.forEach((evaluation, i) => {
    assert.equal(evaluation.value('price.gpuHour'), price(i))
    assert.equal(evaluation.value(derived), expected[i % 13])
    assert.equal(evaluation.values.length, articleModel.ids.length)
  })
  // A write into one evaluation's values reaches no other.
  const [a, b] = kept as [(typeof kept)[0], (typeof kept)[0]]
  const before = b.values.slice()
  a.values.fill(-1)
  assert.deepEqual(b.values, before)
})
