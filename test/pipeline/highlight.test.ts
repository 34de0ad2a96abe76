import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Root } from 'hast'
import { toHtml } from 'hast-util-to-html'
import rehypeHighlight, { type TextMemo } from '../../src/pipeline/rehype-highlight.ts'

const listing = (code: string, className = 'language-ts'): Root => ({
  type: 'root',
  children: [
    {
      type: 'element',
      tagName: 'pre',
      properties: {},
      children: [
        {
          type: 'element',
          tagName: 'code',
          properties: { className: [className] },
          children: [{ type: 'text', value: code }],
        },
      ],
    },
  ],
})

function mapMemo(): TextMemo & { size(): number } {
  const store = new Map<string, string>()
  return {
    get: (key) => store.get(key),
    set: (key, value) => void store.set(key, value),
    size: () => store.size,
  }
}

const code =
  '/** Doubles. */\nexport function twice(x: number): number {\n  return x * 2 // "<&>"\n}'
const expected =
  '<pre><code class="hljs language-ts"><span class="hljs-comment">/** Doubles. */</span>\n' +
  '<span class="hljs-keyword">export</span> <span class="hljs-keyword">function</span> ' +
  '<span class="hljs-title function_">twice</span>(<span class="hljs-params"><span class="hljs-attr">x</span>: <span class="hljs-built_in">number</span></span>): ' +
  '<span class="hljs-built_in">number</span> {\n  <span class="hljs-keyword">return</span> x * ' +
  '<span class="hljs-number">2</span> <span class="hljs-comment">// "&#x3C;&#x26;>"</span>\n}</code></pre>'

describe('rehype-highlight', () => {
  it('highlights TypeScript listings as highlight.js classes, and a memo hit gives the same tree', async () => {
    const memo = mapMemo()
    const first = listing(code)
    await rehypeHighlight({ memo })(first)
    assert.equal(toHtml(first), expected)
    assert.equal(memo.size(), 1)
    const second = listing(code)
    await rehypeHighlight({ memo })(second)
    assert.equal(toHtml(second), expected)
  })

  it('leaves other languages alone', async () => {
    const tree = listing('x = 1', 'language-python')
    await rehypeHighlight({ memo: mapMemo() })(tree)
    assert.equal(toHtml(tree), '<pre><code class="language-python">x = 1</code></pre>')
  })
})
