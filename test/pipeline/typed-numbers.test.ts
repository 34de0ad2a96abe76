/**
 * The typed-number lint's rules are data: every rule's examples pass, and the numbers the
 * issue names are caught. Whole-page behaviour is in the fixtures (typed-number-*).
 */
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { typedNumbers } from '../../src/pipeline/remark-typed-numbers.ts'
import { ALLOWED_NUMBER_RULES } from '../../src/pipeline/typed-number-rules.ts'

describe('allowed numbers', () => {
  for (const rule of ALLOWED_NUMBER_RULES) {
    for (const example of rule.examples) {
      test(`${rule.name}: ${example}`, () =>
        assert.deepEqual(typedNumbers(example, rule.where === 'heading-start'), []))
    }
  }
})

describe('typed numbers', () => {
  const cases: Array<[string, string[]]> = [
    ['costs $279.74 in total', ['$279.74']],
    ['a 11.7x reduction, 58.4× realistic', ['11.7x', '58.4×']],
    ['over 1.5 million pairs, 10,906 of them', ['1.5', '10,906']],
    ['100K pairs at 40% off', ['100K', '40%']],
    ['7B–13B models', ['7B', '13B']],
    ['a 3:1 ratio', ['3:1']],
    ['$2025 is money, not a year', ['$2025']],
    ['1. A section number outside a heading', ['1']],
  ]
  for (const [text, expected] of cases) {
    test(text, () =>
      assert.deepEqual(
        typedNumbers(text, false).map((h) => h.text),
        expected,
      ),
    )
  }
})
