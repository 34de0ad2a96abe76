import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { dataTableHtml, pivotTableHtml } from '../../src/charts/table.ts'

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
        '<tbody>',
        '<tr><td>Labels &lt;human&gt;</td><td>$6200000</td></tr>',
        '<tr><td>A &amp; B</td><td>–</td></tr>',
        '</tbody>',
        '</table>',
      ].join('\n'),
    )
  })

  it('leaves missing values empty without a formatter', () => {
    const html = dataTableHtml([{ a: undefined }], [{ field: 'a', title: 'A' }], 'c')
    assert.match(html, /<tr><td><\/td><\/tr>/)
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
  assert.match(html, /<tr><th scope="row">0\.3<\/th><td>3×<\/td><td>1\.5×<\/td><\/tr>/)
  assert.match(html, /<tr><th scope="row">0\.6<\/th><td>6×<\/td><td><\/td><\/tr>/)
})
