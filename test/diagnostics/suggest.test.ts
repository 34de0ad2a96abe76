import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { editDistance, suggest } from '../../src/diagnostics/suggest.ts'

const ids = ['sft.cost', 'sft.gpu_hours', 'rlaif.pairs.m1', 'rlaif.pairs.m2', 'ratio.conservative']

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and adjacent swaps', () => {
    assert.equal(editDistance('', ''), 0)
    assert.equal(editDistance('abc', ''), 3)
    assert.equal(editDistance('', 'abc'), 3)
    assert.equal(editDistance('cost', 'cots'), 1)
    assert.equal(editDistance('cost', 'coast'), 1)
    assert.equal(editDistance('cost', 'cot'), 1)
    assert.equal(editDistance('kitten', 'sitting'), 3)
  })

  it('is symmetric', () => {
    assert.equal(editDistance('rlaif.pairs', 'rlhf.pair'), editDistance('rlhf.pair', 'rlaif.pairs'))
  })
})

describe('suggest', () => {
  it('suggests the nearest id for a typo', () => {
    assert.equal(suggest('sft.cots', ids), 'sft.cost')
    assert.equal(suggest('sft.gpu_hour', ids), 'sft.gpu_hours')
    assert.equal(suggest('ratio.conservatve', ids), 'ratio.conservative')
  })

  it('ignores case', () => {
    assert.equal(suggest('SFT.Cost', ids), 'sft.cost')
  })

  it('matches on the last segment when the path is wrong', () => {
    assert.equal(suggest('cost', ids), 'sft.cost')
    assert.equal(suggest('foo.cost', ids), 'sft.cost')
    assert.equal(suggest('rlhf.gpu_hours', ids), 'sft.gpu_hours')
  })

  it('returns undefined when nothing is close', () => {
    assert.equal(suggest('foo.bar', ids), undefined)
    assert.equal(suggest('x', ids), undefined)
    assert.equal(suggest('', ids), undefined)
    assert.equal(suggest('sft.cost', []), undefined)
  })

  it('breaks ties by name, independent of candidate order', () => {
    assert.equal(suggest('rlaif.pairs.m3', ids), 'rlaif.pairs.m1')
    assert.equal(suggest('rlaif.pairs.m3', [...ids].reverse()), 'rlaif.pairs.m1')
  })

  it('accepts any iterable, including duplicates', () => {
    assert.equal(suggest('optimstic', new Set(['base', 'optimistic', 'optimistic'])), 'optimistic')
    assert.equal(suggest('mx', new Map([['max', 1]]).keys()), 'max')
  })
})
