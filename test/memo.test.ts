/** keptWith (src/memo.ts): made once per object, for each object apart, undefined included. */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { keptWith, RecentMap } from '../src/memo.ts'

test('a value is made once per object, and apart for each object', () => {
  let calls = 0
  const sizeOf = keptWith((list: number[]) => {
    calls++
    return list.length
  })
  const a = [1, 2, 3]
  const b = [4]
  assert.equal(sizeOf(a), 3)
  assert.equal(sizeOf(a), 3)
  assert.equal(sizeOf(b), 1)
  assert.equal(calls, 2)
})

test('an undefined value counts as made', () => {
  let calls = 0
  const nothing = keptWith((_key: object) => {
    calls++
    return undefined
  })
  const key = {}
  nothing(key)
  nothing(key)
  assert.equal(calls, 1)
})

test('a RecentMap forgets the entry set longest ago, and setting one again makes it the newest', () => {
  const recent = new RecentMap<string, number>(2)
  recent.set('a', 1).set('b', 2)
  recent.set('a', 3) // now newer than b
  recent.set('c', 4)
  assert.deepEqual(
    [...recent],
    [
      ['a', 3],
      ['c', 4],
    ],
  )
  recent.delete('a')
  recent.set('d', 5)
  assert.deepEqual([...recent.keys()], ['c', 'd'])
})
