import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { functionSource } from '../../src/pipeline/directives/listing.ts'

const source = `/** Not this one. */
const internal = 1

/**
 * Cost in USD. A brace in a comment: {
 */
export function cost(
  options: { hours: number; rate: number } = { hours: 1, rate: 2 },
): number {
  const note = '}' + \`}\${'{'}\` // and }
  return options.hours * options.rate
}

/** Separated by code. */
// a line comment in between
export function plain(x: number): number {
  return x
}

function hidden(): number {
  return 0
}
`

describe('functionSource', () => {
  it('cuts an exported function with its doc comment; braces in types, strings and comments do not end it', () => {
    const text = functionSource(source, 'cost')
    assert.equal(
      text,
      source.slice(source.indexOf('/**\n * Cost'), source.indexOf('\n\n/** Separated')),
    )
  })

  it('takes the doc comment only when nothing but whitespace separates it from the function', () => {
    assert.equal(
      functionSource(source, 'plain'),
      'export function plain(x: number): number {\n  return x\n}',
    )
  })

  it('finds nothing for a function that is not exported, or not there', () => {
    assert.equal(functionSource(source, 'hidden'), undefined)
    assert.equal(functionSource(source, 'internal'), undefined)
    assert.equal(functionSource(source, 'missing'), undefined)
  })

  it('cuts every exported function of the model, each a whole declaration', () => {
    const formulas = readFileSync(new URL('../../src/model/formulas.ts', import.meta.url), 'utf8')
    const names = [...formulas.matchAll(/^export function (\w+)/gm)].map((match) => match[1])
    assert.ok(names.length > 0)
    for (const name of names) {
      const text = functionSource(formulas, name ?? '')
      assert.ok(text !== undefined, name)
      assert.ok(formulas.includes(text), name)
      assert.match(text, /^\/\*\*.*?\*\/\nexport function |^export function /s, name)
      assert.ok(text.endsWith('}'), name)
    }
  })
})
