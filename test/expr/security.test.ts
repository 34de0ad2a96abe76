import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import jsep from 'jsep'
import { ExprError, evaluateExpression } from '../../src/expr/index.ts'
import { fakeContext } from './fake-context.ts'

/** The rule an expression fails with; fails the test when it does not throw an ExprError. */
function ruleOf(source: string): string {
  try {
    evaluateExpression(source, fakeContext())
  } catch (error) {
    assert.ok(error instanceof ExprError, `${source} threw ${String(error)}`)
    return error.ruleId
  }
  return assert.fail(`${source} should not evaluate`)
}

describe('security', () => {
  it('treats prototype names as unknown figures', () => {
    for (const source of [
      'constructor',
      '__proto__',
      'toString',
      'valueOf',
      'hasOwnProperty',
      'prototype',
      'this',
      'true',
      'null',
      'undefined',
      'globalThis.process',
      'sft.constructor',
      'sft.cost.__proto__',
      '__proto__.polluted',
    ]) {
      assert.equal(ruleOf(source), 'unknown-figure', source)
    }
    assert.equal(Object.hasOwn(Object.prototype, 'polluted'), false)
  })

  it('treats prototype names as unknown functions', () => {
    for (const source of [
      'constructor(1)',
      'toString()',
      '__proto__(1)',
      'hasOwnProperty("x")',
      'min.constructor(1)',
      'eval("1")',
      'Function("return 1")',
      'sft.cost.toFixed(2)',
    ]) {
      assert.equal(ruleOf(source), 'unknown-function', source)
    }
  })

  it('treats prototype names as unknown scenarios', () => {
    for (const name of ['__proto__', 'constructor', 'toString']) {
      assert.equal(ruleOf(`scenario("${name}", sft.cost)`), 'unknown-scenario', name)
    }
  })

  it('rejects indexing, conditionals, arrays, calls on results and JS operators', () => {
    for (const source of [
      'a["b"]',
      'sft["cost"]',
      'a[0]',
      'x ? y : z',
      '[1, 2]',
      'a?.b',
      'min(1, 2)(3)',
      'sft.constructor.constructor("return process")()',
      '(sft).cost',
      'a = 1',
      'a += 1',
      '`x`',
      '{}',
      'new Date()',
      'a; b',
      'typeof a',
    ]) {
      assert.equal(ruleOf(source), 'expr-syntax', source)
    }
  })

  it('never uses eval or Function in the expression sources', () => {
    const dir = new URL('../../src/expr/', import.meta.url)
    for (const file of readdirSync(dir)) {
      const text = readFileSync(new URL(file, dir), 'utf8')
      assert.doesNotMatch(text, /\beval\s*\(|new Function|\bFunction\s*\(/, file)
    }
  })

  it('leaves jsep alone outside parseExpression (the token hook is inactive)', () => {
    const node = jsep('a + b.c')
    assert.equal(node.type, 'BinaryExpression')
    assert.equal((node as jsep.BinaryExpression).left.type, 'Identifier')
  })
})
