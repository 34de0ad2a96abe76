/** keptWith (src/memo.ts): made once per object, for each object apart, undefined included. */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { keptWith } from '../src/memo.ts'

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
