import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Element, Root } from 'hast'
import { toString as textOf } from 'hast-util-to-string'
import { visit } from 'unist-util-visit'
import { dataTableHtml, pivotTableHtml } from '../../src/charts/table.ts'

// Imported by name at run time: its type declarations make every hast element's `data.position`
// required, for the whole program.
const parser = 'hast-util-from-html'
const { fromHtml } = (await import(parser)) as {
  fromHtml: (html: string, options: { fragment: boolean }) => Root
}

describe('dataTableHtml', () => {
  it('renders caption, scoped headers and escaped, formatted cells', () => {
    const html = dataTableHtml(
      [
        { stage: 'Labels <human>', cost: 6_200_000 },
        { stage: 'A & B', cost: null },
      ],
      [
        { field: 'stage', title: 'Stage' },
        {
          field: 'cost',
          title: 'Cost "USD"',
          format: (v) => (typeof v === 'number' ? `$${v}` : '–'),
        },
      ],
      'Cost by stage <2024>',
    )
    assert.equal(
      html,
      [
        '<table>',
        '<caption>Cost by stage &lt;2024&gt;</caption>',
        '<thead><tr><th scope="col">Stage</th><th scope="col">Cost &quot;USD&quot;</th></tr></thead>',
        '<tbody><tr><td>Labels &lt;human&gt;<td>$6200000<tr><td>A &amp; B<td>–</table>',
      ].join('\n'),
    )
    // The end tags left out are the optional ones: parsed, it is the same table.
    assert.deepEqual(cellTexts(html), [
      ['Stage', 'Cost "USD"'],
      ['Labels <human>', '$6200000'],
      ['A & B', '–'],
    ])
  })

  it('leaves missing values empty without a formatter', () => {
    const html = dataTableHtml([{ a: undefined }], [{ field: 'a', title: 'A' }], 'c')
    assert.deepEqual(cellTexts(html), [['A'], ['']])
  })
})

it('a pivot is one row per row value, one column per column value, empty where no data', () => {
  const html = pivotTableHtml(
    [
      { human: 0.3, gpu: 1, ratio: 3 },
      { human: 0.3, gpu: 2, ratio: 1.5 },
      { human: 0.6, gpu: 1, ratio: 6 },
    ],
    {
      row: { field: 'human', title: 'Human <price>' },
      column: { field: 'gpu', title: 'GPU price' },
      value: { field: 'ratio', title: 'ratio', format: (v) => `${v}×` },
    },
    'Grid',
  )
  assert.match(html, /<caption>Grid \(ratio\)<\/caption>/)
  assert.match(html, /<th scope="colgroup" colspan="2">GPU price<\/th>/)
  assert.match(
    html,
    /<th scope="col">Human &lt;price&gt;<\/th><th scope="col">1<\/th><th scope="col">2<\/th>/,
  )
  assert.deepEqual(cellTexts(html).slice(2), [
    ['0.3', '3×', '1.5×'],
    ['0.6', '6×', ''],
  ])
})

/** The text of each cell of each row, as a browser parses the table. */
function cellTexts(html: string): string[][] {
  const rows: string[][] = []
  visit(fromHtml(html, { fragment: true }), 'element', (node) => {
    if (node.tagName === 'tr')
      rows.push(
        node.children.filter((c): c is Element => c.type === 'element').map((c) => textOf(c)),
      )
  })
  return rows
}
