/**
 * The incremental parser (src/pipeline/incremental-parse.ts) against whole parses: random edits
 * of the article, made of the markdown that changes how text around it parses (fences, directive
 * containers, headings, lists, tables, blank lines, front-matter fences), each one's tree equal
 * to a whole parse of the new text, positions included, and edits in a chain.
 */
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import fc from 'fast-check'
import type { Root } from 'mdast'
import { VFile } from 'vfile'
import { incrementalParser } from '../../src/pipeline/incremental-parse.ts'
import { createParser } from '../../src/pipeline/processor.ts'
import { root } from '../helpers.ts'

const article = readFileSync(join(root, 'content', 'economics-of-alignment.md'), 'utf8')
const parser = createParser()
const whole = (text: string): Root => parser.parse(new VFile({ value: text }))

const snippets = [
  '\n',
  '\n\n',
  '```',
  '\n```ts\n',
  ':::',
  '\n:::note\n',
  '# ',
  '\n## Heading\n',
  '- ',
  '1. ',
  '> ',
  '    ',
  '|a|b|\n|-|-|\n',
  '\n---\n',
  '===',
  '**',
  ':val[ratio.realistic]',
  'plain words ',
  '<div>',
  '[link](x)',
  '[@key]',
]

/** An edit: at a fraction of the text, delete up to `cut` characters and insert `text`. */
const edit = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  cut: fc.nat({ max: 120 }),
  text: fc.array(fc.constantFrom(...snippets), { maxLength: 3 }).map((parts) => parts.join('')),
})

function apply(text: string, e: { at: number; cut: number; text: string }): string {
  const at = Math.floor(e.at * text.length)
  return text.slice(0, at) + e.text + text.slice(at + e.cut)
}

test('one edit: the same tree as a whole parse', () => {
  fc.assert(
    fc.property(edit, (e) => {
      const parse = incrementalParser(whole_)
      parse(new VFile({ value: article }))
      const next = apply(article, e)
      assert.deepEqual(parse(new VFile({ value: next })), whole(next))
    }),
    { numRuns: 60, seed: 11 },
  )
})

test('a chain of edits, as the writing loop makes them', () => {
  fc.assert(
    fc.property(fc.array(edit, { minLength: 5, maxLength: 12 }), (edits) => {
      const parse = incrementalParser(whole_)
      let text = article
      parse(new VFile({ value: text }))
      for (const e of edits) {
        text = apply(text, e)
        assert.deepEqual(parse(new VFile({ value: text })), whole(text))
      }
    }),
    { numRuns: 8, seed: 12 },
  )
})

test('what the plugins do to a tree handed out changes no later parse', () => {
  const parse = incrementalParser(whole_)
  // Every text of the tree handed out is changed, as plugins change theirs (positions stay: a
  // kept block with a spoilt position would only make the parser parse the whole text).
  const spoil = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(spoil)
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>
      for (const [key, value] of Object.entries(record)) {
        if (key === 'value') record[key] = 'spoilt'
        else if (key !== 'position') spoil(value)
      }
    }
  }
  let text = article
  spoil(parse(new VFile({ value: text })))
  for (const at of [0.9, 0.5, 0.1, 0.5]) {
    const cut = Math.floor(text.length * at)
    text = `${text.slice(0, cut)}Another sentence here. ${text.slice(cut)}`
    const tree = parse(new VFile({ value: text }))
    assert.deepEqual(tree, whole(text))
    spoil(tree)
  }
})

test('a small edit parses only near it, after a thematic break too', () => {
  let parsed = 0
  const parse = incrementalParser((file) => {
    parsed += String(file.value).length
    return whole(String(file.value))
  })
  parse(new VFile({ value: article }))
  const middle = article.indexOf('\n\n', article.length / 2) + 2
  // The paragraph after the first `---` below the front matter: its region opens with the rule.
  const afterRule = article.indexOf('\n\n---\n\n', article.indexOf('\n---\n', 3) + 5) + 7
  assert.ok(afterRule > 7)
  for (const at of [middle, afterRule]) {
    parsed = 0
    const next = `${article.slice(0, at)}A new sentence. ${article.slice(at)}`
    assert.deepEqual(parse(new VFile({ value: next })), whole(next))
    assert.ok(parsed > 0 && parsed < article.length / 4, `parsed ${parsed} characters again`)
    parse(new VFile({ value: article }))
  }
})

function whole_(file: VFile): Root {
  return whole(String(file.value))
}
