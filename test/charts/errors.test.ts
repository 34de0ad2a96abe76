import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ChartError } from '../../src/charts/errors.ts'
import { type ChartInput, renderChart } from '../../src/charts/render.ts'
import { parseSpecJson, withSpecPosition } from '../../src/charts/spec.ts'
import { chartMessages } from '../../src/diagnostics/chart-messages.ts'
import { datasets, fixtureText } from './helpers.ts'

function input(spec: unknown): ChartInput {
  return { spec, datasets, idPrefix: 'chart-test', title: 'Test', description: 'A test chart.' }
}

/** Renders and returns the ChartError it must throw. */
async function renderError(spec: unknown): Promise<ChartError> {
  try {
    await renderChart(input(spec))
  } catch (error) {
    assert.ok(error instanceof ChartError, `expected a ChartError, got ${String(error)}`)
    return error
  }
  assert.fail('expected renderChart to throw')
}

function parseError(text: string, path = 'content/charts/x.vl.json'): ChartError {
  try {
    parseSpecJson(text, path)
  } catch (error) {
    assert.ok(error instanceof ChartError, `expected a ChartError, got ${String(error)}`)
    return error
  }
  assert.fail('expected parseSpecJson to throw')
}

const barOf = (data: unknown, y = 'cost_usd') => ({
  data,
  mark: 'bar',
  encoding: {
    x: { field: 'stage', type: 'nominal' },
    y: { field: y, type: 'quantitative' },
  },
})

describe('chart errors', () => {
  it('unknown dataset: names it, suggests the closest, lists the available ones', async () => {
    const error = await renderError(barOf({ name: 'costBystage' }))
    assert.deepEqual(
      { ruleId: error.ruleId, reason: error.reason, hint: error.hint },
      chartMessages.unknownDataset('costBystage', ['costByStage', 'costCurve'], 'costByStage'),
    )
    assert.match(error.hint ?? '', /did you mean `costByStage`\?/)
    assert.equal(error.specPointer, '/data/name')
  })

  it('unknown field in a layer: did-you-mean, available fields and spec line:column', async () => {
    const text = fixtureText('unknown-field.vl.json')
    const error = await renderError(parseSpecJson(text, 'unknown-field.vl.json'))
    assert.equal(error.ruleId, 'chart-unknown-field')
    assert.equal(error.reason, 'Unknown field `costUsd` in dataset `costByStage`')
    assert.equal(
      error.hint,
      'did you mean `cost_usd`? available fields: `stage`, `method`, `cost_usd`',
    )
    assert.equal(error.specPointer, '/layer/0/encoding/y/field')
    const located = withSpecPosition(error, text, 'content/charts/unknown-field.vl.json')
    assert.deepEqual(
      [located.specFile, located.specLine, located.specColumn],
      ['content/charts/unknown-field.vl.json', 8, 25],
    )
  })

  it('checks transform fields and accepts fields that transforms create', async () => {
    const spec = {
      ...barOf({ name: 'costByStage' }, 'cost_kusd'),
      transform: [{ calculate: 'datum.cost_usd / 1000', as: 'cost_kusd' }],
    }
    await renderChart(input(spec))
    const bad = await renderError({
      ...spec,
      transform: [{ filter: { field: 'metod', equal: 'RLHF' } }, ...spec.transform],
    })
    assert.equal(bad.ruleId, 'chart-unknown-field')
    assert.equal(bad.specPointer, '/transform/0/filter/field')
    assert.match(bad.hint ?? '', /did you mean `method`/)
  })

  it('rejects data.url, which would read outside the build inputs', async () => {
    const error = await renderError(barOf({ url: 'data/costs.csv' }))
    assert.equal(error.ruleId, 'chart-unknown-dataset')
    assert.equal(error.specPointer, '/data/url')
  })

  it('a Vega-Lite compile warning is an error', async () => {
    const spec = barOf({ name: 'costByStage' })
    const error = await renderError({
      ...spec,
      encoding: { ...spec.encoding, shape: { field: 'method', type: 'nominal' } },
    })
    assert.equal(error.ruleId, 'chart-warning')
    assert.equal(
      error.reason,
      chartMessages.warning(['shape dropped as it is incompatible with "bar".']).reason,
    )
  })

  it('a Vega runtime warning (zero on a log scale) is an error', async () => {
    const spec = barOf({ values: [{ stage: 'a', cost_usd: 0 }] })
    const error = await renderError({
      ...spec,
      usermeta: { inlineDataReason: 'a zero on a log scale, which no model dataset holds' },
      encoding: { ...spec.encoding, y: { ...spec.encoding.y, scale: { type: 'log' } } },
    })
    assert.equal(error.ruleId, 'chart-warning')
    assert.match(error.reason, /Log scale domain includes zero/)
  })

  it('dates in local time are an error, since the SVG would depend on the time zone', async () => {
    const dated = (x: Record<string, unknown>) => ({
      usermeta: { inlineDataReason: 'a date column, which no model dataset holds' },
      data: { values: [{ day: '2024-01-01', cost_usd: 1 }] },
      mark: 'line',
      encoding: { x: { field: 'day', ...x }, y: { field: 'cost_usd', type: 'quantitative' } },
    })
    const local = await renderError(dated({ type: 'temporal' }))
    assert.deepEqual(
      { ruleId: local.ruleId, reason: local.reason, hint: local.hint },
      chartMessages.localTime('temporal field without a `utc` scale'),
    )
    assert.equal(local.specPointer, '/encoding/x/type')
    const unit = await renderError(dated({ type: 'ordinal', timeUnit: 'month' }))
    assert.equal(unit.specPointer, '/encoding/x/timeUnit')
    await renderChart(input(dated({ type: 'temporal', scale: { type: 'utc' } })))
  })

  it('compile errors: an unknown mark (with did-you-mean) and an invalid expression', async () => {
    const mark = await renderError({ ...barOf({ name: 'costByStage' }), mark: { type: 'lin' } })
    assert.deepEqual(
      { ruleId: mark.ruleId, reason: mark.reason, pointer: mark.specPointer },
      { ruleId: 'chart-compile', reason: 'Unknown mark type `lin`', pointer: '/mark/type' },
    )
    assert.match(mark.hint ?? '', /did you mean `line`/)
    const expression = await renderError({
      ...barOf({ name: 'costByStage' }),
      transform: [{ calculate: 'datum.cost_usd +* 2', as: 'doubled' }],
    })
    assert.equal(expression.ruleId, 'chart-compile')
    assert.match(expression.reason, /^Cannot compile chart: /)
  })
})

describe('parseSpecJson', () => {
  it('reports a syntax error with its 1-based line and column', () => {
    const error = parseError(fixtureText('invalid-trailing-comma.vl.json'), 'bad.vl.json')
    assert.equal(error.ruleId, 'chart-invalid-json')
    assert.deepEqual([error.specFile, error.specLine, error.specColumn], ['bad.vl.json', 6, 3])
    assert.equal(
      error.reason,
      chartMessages.invalidJson('Expected double-quoted property name').reason,
    )
  })

  it('locates errors whose message has no position, and a leading BOM does not shift columns', () => {
    const token = parseError('{\n  "mark": tru\n}')
    assert.deepEqual([token.specLine, token.specColumn], [2, 11])
    assert.doesNotMatch(token.reason, /is not valid JSON|position/)
    const end = parseError('{\n  "mark": "bar"')
    assert.deepEqual([end.specLine, end.specColumn], [2, 16])
    const bom = parseError('\uFEFF{"mark": "bar",}')
    assert.deepEqual([bom.specLine, bom.specColumn], [1, 16])
  })

  it('is strict JSON: comments and trailing commas in arrays are errors at their place', () => {
    const comment = parseError('{\n  "mark": "bar" // a bar chart\n}')
    assert.deepEqual([comment.specLine, comment.specColumn], [2, 17])
    assert.equal(
      comment.reason,
      chartMessages.invalidJson('Comments are not allowed in JSON').reason,
    )
    const array = parseError('{"mark": "bar", "layer": [1,]}')
    assert.deepEqual([array.specLine, array.specColumn], [1, 29])
  })

  it('rejects JSON that is not a Vega-Lite view', () => {
    for (const text of [
      '[]',
      '{"data": {"name": "x"}}',
      '{"$schema": "https://vega.github.io/schema/vega/v6.json", "marks": []}',
    ]) {
      const error = parseError(text)
      assert.equal(error.ruleId, 'chart-compile', text)
      assert.match(error.reason, /expected a Vega-Lite object/)
    }
  })
})
