import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ChartError } from '../../src/charts/errors.ts'
import { fieldHead, validateChartData } from '../../src/charts/validate.ts'
import { suggest as closestMatch } from '../../src/diagnostics/suggest.ts'

const datasets = {
  costs: [{ stage: 'SFT', 'cost.usd': 1, gpu: { hours: 2 }, rlhf: 3, rlaif: 4 }],
  empty: [],
}

const view = (extra: Record<string, unknown>) => ({
  data: { name: 'costs' },
  mark: 'bar',
  ...extra,
})

function fieldError(spec: Record<string, unknown>): ChartError {
  try {
    validateChartData(spec, datasets)
  } catch (error) {
    assert.ok(error instanceof ChartError)
    return error
  }
  assert.fail('expected a ChartError')
}

describe('validateChartData', () => {
  it('accepts fields that transforms create (fold, aggregate, window) and nested access', () => {
    validateChartData(
      view({
        transform: [
          { fold: ['rlhf', 'rlaif'] },
          { aggregate: [{ op: 'sum', field: 'value', as: 'total' }], groupby: ['key'] },
          { window: [{ op: 'rank', as: 'rank' }], sort: [{ field: 'total' }] },
        ],
        encoding: { x: { field: 'key' }, y: { field: 'total' }, color: { field: 'rank' } },
      }),
      datasets,
    )
    validateChartData(view({ encoding: { y: { field: 'gpu.hours' } } }), datasets)
  })

  it('checks tooltip arrays, conditions, sort fields and facets', () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [
        { encoding: { tooltip: [{ field: 'stage' }, { field: 'stag' }] } },
        '/encoding/tooltip/1/field',
      ],
      [
        { encoding: { color: { condition: { test: 'true', field: 'stge' }, value: 'red' } } },
        '/encoding/color/condition/field',
      ],
      [{ encoding: { x: { field: 'stage', sort: { field: 'cots' } } } }, '/encoding/x/sort/field'],
    ]
    for (const [extra, pointer] of cases) assert.equal(fieldError(view(extra)).specPointer, pointer)
    const faceted = {
      data: { name: 'costs' },
      facet: { row: { field: 'stgae' } },
      spec: { mark: 'bar' },
    }
    assert.equal(fieldError(faceted).specPointer, '/facet/row/field')
  })

  it('suggests escaping a dot when the column name contains one', () => {
    const error = fieldError(view({ encoding: { y: { field: 'cost.usd' } } }))
    assert.match(error.hint ?? '', /did you mean `cost\\\.usd`/)
    validateChartData(view({ encoding: { y: { field: 'cost\\.usd' } } }), datasets)
  })

  it('skips what cannot be known: after a pivot, on an empty dataset', () => {
    validateChartData(
      view({ transform: [{ pivot: 'stage', value: 'rlhf' }], encoding: { y: { field: 'SFT' } } }),
      datasets,
    )
    validateChartData(
      { data: { name: 'empty' }, mark: 'bar', encoding: { x: { field: 'a' } } },
      datasets,
    )
  })
})

describe('suggestions', () => {
  it('finds case, separator and transposition typos, and nothing for unrelated names', () => {
    assert.equal(closestMatch('costUsd', ['stage', 'cost_usd']), 'cost_usd')
    assert.equal(closestMatch('stgae', ['stage', 'method']), 'stage')
    assert.equal(closestMatch('throughput', ['stage', 'method']), undefined)
    assert.equal(fieldHead('gpu.hours'), 'gpu')
    assert.equal(fieldHead('a\\.b[0]'), 'a.b')
  })
})
