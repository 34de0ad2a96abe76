/**
 * html-writer.ts must write byte for byte what toHtml writes under HTML_OPTIONS: checked on random
 * trees (fast-check, seeded) built from the elements whose tags may be left out, void, raw-text
 * and foreign elements, attributes of every kind toHtml treats differently, and text that needs
 * escaping or is white space; and on the real article.
 */
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import fc from 'fast-check'
import type { Element, ElementContent, Properties, Root, RootContent } from 'hast'
import { toHtml } from 'hast-util-to-html'
import { h } from 'hastscript'
import { VFile } from 'vfile'
import { prepareArticles } from '../../src/build/article.ts'
import { memoryChartCacheStore } from '../../src/charts/cache.ts'
import { articleCostModel } from '../../src/model/index.ts'
import { HTML_OPTIONS } from '../../src/pipeline/html-options.ts'
import { writeHtml } from '../../src/pipeline/html-writer.ts'
import { parseArticle } from '../../src/pipeline/processor.ts'
import { fsEffects, memoryMemo } from '../../src/site/effects.ts'
import { root } from '../helpers.ts'

/** Every tag with an optional start or end tag, with the ones that decide those, and others. */
const TAGS = [
  ...['html', 'head', 'body', 'title', 'base', 'meta', 'link', 'script', 'style', 'template'],
  ...['p', 'div', 'section', 'h2', 'pre', 'hr', 'table', 'ul', 'ol', 'dl', 'figure', 'span'],
  ...['a', 'audio', 'video', 'noscript', 'custom-el', 'b', 'code', 'button', 'img', 'br'],
  ...['li', 'dt', 'dd', 'rp', 'rt', 'ruby', 'select', 'optgroup', 'option', 'input', 'col'],
  ...['caption', 'colgroup', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'svg', 'path'],
]

/** Values that need escaping in text, in attribute values and in both. */
const STRINGS = ['', 'a', 'x & <y>', '"q" \'s\' `b`', 'a\0b', 'tab\there', 'download', 'ü – ✓']

const TEXTS = ['', ' ', '\n', ' \t\n', 'word', ...STRINGS]

/** Properties of every kind: plain, boolean, overloaded boolean, numeric, lists, data and aria. */
const property = fc.oneof(
  fc.record({ id: fc.constantFrom(...STRINGS) }, { requiredKeys: [] }),
  fc.record(
    {
      className: fc.array(fc.constantFrom('num', 'a b', 'x&y', ''), { maxLength: 3 }),
      hidden: fc.constantFrom(true, false, '', 'hidden', 'x', 0, 1),
      download: fc.constantFrom(true, false, '', 'download', 'file.svg'),
      colSpan: fc.constantFrom(1, 2, Number.NaN, '3'),
      tabIndex: fc.constantFrom(0, -1),
      accept: fc.array(fc.constantFrom('image/png', '.svg', ''), { maxLength: 2 }),
      dataLabel: fc.constantFrom(...STRINGS),
      ariaLabel: fc.constantFrom(...STRINGS),
      title: fc.constantFrom(...STRINGS, null, undefined),
      popover: fc.constantFrom('', 'auto', true),
      viewBox: fc.constantFrom('0 0 10 10'),
      strokeWidth: fc.constantFrom(1, '0.5'),
    },
    { requiredKeys: [] },
  ),
)

const tree = fc.letrec<{ node: RootContent; nodes: RootContent[] }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...TEXTS).map((value): RootContent => ({ type: 'text', value })),
    fc
      .constantFrom(' note ', '->x', 'a--b')
      .map((value): RootContent => ({ type: 'comment', value })),
    fc.constant({ type: 'raw', value: '<b>raw</b>' } as unknown as RootContent),
    fc.tuple(fc.constantFrom(...TAGS), property, tie('nodes')).map(
      ([tagName, properties, children]): Element => ({
        type: 'element',
        tagName,
        properties: properties as Properties,
        children: children as ElementContent[],
      }),
    ),
  ),
  nodes: fc.array(tie('node'), { maxLength: 5 }),
})).nodes

/** A parent and a row of children chosen so that the sibling rules meet: the same trees, denser. */
const PARENTS = ['a', 'audio', 'custom-el', 'div', 'head', 'html', 'table', 'dl', 'select', 'ruby']
const SIBLINGS = [
  ...['p', 'title', 'base', 'meta', 'colgroup', 'col', 'caption', 'thead', 'tbody', 'tfoot'],
  ...['tr', 'td', 'th', 'dt', 'dd', 'option', 'optgroup', 'rp', 'rt', 'li', 'body', 'head'],
]
/** What decides a start tag: a first `col` or `tr`, a second `title` or `base`, white space. */
const INSIDE = ['col', 'tr', 'title', 'base', 'p', '#text']
const sibling = fc.oneof(
  fc.constantFrom('', ' ', '\n', 'x').map((value): RootContent => ({ type: 'text', value })),
  fc.constant<RootContent>({ type: 'comment', value: 'c' }),
  {
    weight: 4,
    arbitrary: fc
      .tuple(fc.constantFrom(...SIBLINGS), fc.array(fc.constantFrom(...INSIDE), { maxLength: 2 }))
      .map(([tagName, inner]) =>
        h(
          tagName,
          inner.map((name) => (name === '#text' ? { type: 'text' as const, value: ' ' } : h(name))),
        ),
      ),
  },
)
const contexts = fc
  .tuple(fc.constantFrom(...PARENTS), fc.array(sibling, { maxLength: 6 }))
  .map(([tagName, children]): RootContent[] => [h(tagName, children as ElementContent[])])

describe('writeHtml', () => {
  const cases = [
    ['on random trees', tree, 5000],
    ['where the optional-tag rules meet', contexts, 10000],
  ] as const
  for (const [where, nodes, numRuns] of cases)
    test(`writes what toHtml writes, ${where}`, () => {
      fc.assert(
        fc.property(nodes, (children) => {
          const root: Root = { type: 'root', children }
          assert.equal(writeHtml(root), toHtml(root, HTML_OPTIONS))
        }),
        { seed: 20251113, numRuns },
      )
    })

  test('a paragraph keeps its end tag before phrasing content and in a link', () => {
    for (const after of [h('span', ['x']), { type: 'comment', value: 'c' } as const]) {
      const nodes: RootContent[] = [h('h2', ['A']), h('p', ['b']), after, h('p', ['c'])]
      const html = writeHtml(nodes)
      assert.match(html, /<p>b<\/p>/)
      assert.equal(html, toHtml({ type: 'root', children: nodes }, HTML_OPTIONS))
    }
    assert.equal(
      writeHtml([h('a', { href: '#x' }, [h('p', ['in a link'])])]),
      '<a href="#x"><p>in a link</p></a>',
    )
  })

  test('leaves out the tags HTML lets it leave out', () => {
    const table = h('table', [h('tbody', [h('tr', [h('td', ['1']), h('td', ['2'])])])])
    assert.equal(
      writeHtml([table, h('p', ['a']), h('p', ['b'])]),
      '<table><tr><td>1<td>2</table><p>a<p>b',
    )
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
    assert.equal(writeHtml(tree), toHtml(tree, HTML_OPTIONS))
  })
})
