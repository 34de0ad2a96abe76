import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { dataTableHtml } from '../../src/charts/table.ts'

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
