/**
 * The page's HTML written a run of blocks at a time must be byte for byte what toHtml writes for
 * the whole tree: checked on sequences of top-level nodes (fast-check, seeded) chosen for the
 * cases where a node's markup depends on the node after it, and on the real article.
 */
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import fc from 'fast-check'
import type { Root, RootContent } from 'hast'
import { toHtml } from 'hast-util-to-html'
import { h } from 'hastscript'
import { VFile } from 'vfile'
import { prepareArticles } from '../../src/build/article.ts'
import { memoryChartCacheStore } from '../../src/charts/cache.ts'
import { articleCostModel } from '../../src/model/index.ts'
import { HTML_OPTIONS } from '../../src/pipeline/html-options.ts'
import { parseArticle } from '../../src/pipeline/processor.ts'
import { htmlInRuns } from '../../src/pipeline/rehype-stringify-pieces.ts'
import { fsEffects, memoryMemo } from '../../src/site/effects.ts'
import { root } from '../helpers.ts'

/** Top-level nodes whose markup, or whose neighbour's, depends on what comes next. */
const kinds: Record<string, () => RootContent> = {
  p: () => h('p', ['text']),
  emptyP: () => h('p'),
  h2: () => h('h2', ['Heading']),
  section: () => h('section', [h('p', ['inside'])]),
  div: () => h('div', [h('p', ['last'])]),
  figure: () => h('figure', [h('figcaption', ['caption'])]),
  span: () => h('span', ['inline']),
  a: () => h('a', { href: '#x' }, [h('p', ['in a link'])]),
  li: () => h('li', ['item']),
  dt: () => h('dt', ['term']),
  table: () => h('table', [h('tbody', [h('tr', [h('td', ['cell'])])])]),
  colgroup: () => h('colgroup'),
  tbody: () => h('tbody', [h('tr', [h('td', ['x'])])]),
  newline: () => ({ type: 'text', value: '\n' }),
  spaces: () => ({ type: 'text', value: ' \t ' }),
  word: () => ({ type: 'text', value: 'word & <b>' }),
  comment: () => ({ type: 'comment', value: ' note ' }),
  raw: () => ({ type: 'raw', value: '<b>raw</b>' }) as unknown as RootContent,
}

describe('htmlInRuns', () => {
  test('writes what toHtml writes for the whole tree', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...Object.keys(kinds)), { maxLength: 12 }), (names) => {
        const tree: Root = {
          type: 'root',
          children: names.map((n) => (kinds[n] as () => RootContent)()),
        }
        assert.equal(htmlInRuns(tree, HTML_OPTIONS), toHtml(tree, HTML_OPTIONS))
      }),
      { seed: 20251113, numRuns: 3000 },
    )
  })

  test('a paragraph before a span, raw HTML or a comment keeps its end tag', () => {
    for (const after of ['span', 'raw', 'comment', 'word']) {
      const tree: Root = {
        type: 'root',
        children: [
          h('h2', ['A']),
          h('p', ['b']),
          (kinds[after] as () => RootContent)(),
          h('p', ['c']),
        ],
      }
      const html = htmlInRuns(tree, HTML_OPTIONS)
      assert.match(html, /<p>b<\/p>/, after)
      assert.equal(html, toHtml(tree, HTML_OPTIONS))
    }
  })

  test('the article comes out as toHtml writes it', async () => {
    // The article's final tree, as the build has it just before writing it.
    const effects = {
      ...fsEffects(root, memoryMemo()),
      chartStore: memoryChartCacheStore(),
      commit: async () => 'test',
    }
    const context = await prepareArticles(articleCostModel, { root }, effects)
    const path = 'content/economics-of-alignment.md'
    const file = new VFile({ path, value: await effects.readText(path) })
    const tree = (await context.processor.run(parseArticle(file), file)) as Root
    assert.ok(tree.children.length > 100, 'the article has many top-level blocks')
    assert.equal(htmlInRuns(tree, HTML_OPTIONS), toHtml(tree, HTML_OPTIONS))
  })
})
