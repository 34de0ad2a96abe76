/**
 * Chart specs are content: their expressions must be interpreted, never compiled to code.
 * The test counts calls to the Function constructor while a spec with expressions renders.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { renderChart } from '../../src/charts/render.ts'

test('expressions in a spec run through the interpreter, not new Function', async () => {
  const spec = {
    data: { name: 'rows' },
    transform: [{ calculate: 'datum.cost * 2', as: 'double' }, { filter: 'datum.double > 3' }],
    mark: 'bar',
    encoding: {
      x: { field: 'double', type: 'quantitative' },
      y: { field: 'stage', type: 'nominal' },
    },
  }
  const rows = [
    { stage: 'SFT', cost: 1 },
    { stage: 'DPO', cost: 5 },
  ]
  const original = globalThis.Function
  let compiled = 0
  globalThis.Function = new Proxy(original, {
    apply(target, self, args) {
      compiled++
      return Reflect.apply(target, self, args)
    },
    construct(target, args) {
      compiled++
      return Reflect.construct(target, args)
    },
  })
  try {
    const { svg } = await renderChart({
      spec,
      datasets: { rows },
      idPrefix: 'no-eval',
      title: 't',
      description: 'd',
    })
    assert.match(svg, /<svg/)
  } finally {
    globalThis.Function = original
  }
  assert.equal(compiled, 0)
})
