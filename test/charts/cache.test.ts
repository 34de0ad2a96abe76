import assert from 'node:assert/strict'
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it, test } from 'node:test'
import {
  canonicalJson,
  chartCacheKey,
  fsChartCacheStore,
  memoryChartCacheStore,
  referencedDatasetNames,
  rememberingChartStore,
  renderChartCached,
} from '../../src/charts/cache.ts'
import { type ChartInput, renderChart } from '../../src/charts/render.ts'
import { datasets, fixtureInput } from './helpers.ts'

/** renderChart with a call counter, so tests can see whether the cache rendered. */
function countingRenderer() {
  const counter = {
    calls: 0,
    render: (input: ChartInput) => {
      counter.calls++
      return renderChart(input)
    },
  }
  return counter
}

const bar = () => fixtureInput('cost-by-stage.vl.json', 'chart-cost-by-stage')

describe('chart cache', () => {
  it('a hit returns the stored SVG without rendering again', async () => {
    const store = memoryChartCacheStore()
    const counter = countingRenderer()
    const first = await renderChartCached(bar(), store, counter.render)
    const second = await renderChartCached(bar(), store, counter.render)
    assert.equal(counter.calls, 1)
    assert.deepEqual([first.fromCache, second.fromCache], [false, true])
    assert.equal(second.svg, first.svg)
  })

  it('the key changes with the data the chart reads, and only with that', () => {
    const base = bar()
    const key = chartCacheKey(base)
    const [firstRow, ...rest] = datasets.costByStage
    const changed = { ...datasets, costByStage: [{ ...firstRow, cost_usd: 1 }, ...rest] }
    assert.notEqual(chartCacheKey({ ...base, datasets: changed }), key)
    const unrelated = { ...datasets, costCurve: [] }
    assert.equal(chartCacheKey({ ...base, datasets: unrelated }), key)
    for (const change of [{ idPrefix: 'other' }, { title: 'T' }, { description: 'D' }]) {
      assert.notEqual(chartCacheKey({ ...base, ...change }), key)
    }
  })

  it('the key ignores key order but not -0, NaN or undefined', () => {
    assert.equal(canonicalJson({ b: 1, a: [1, { d: 2, c: 3 }] }), '{"a":[1,{"c":3,"d":2}],"b":1}')
    const distinct = [0, -0, null, Number.NaN, undefined, Number.POSITIVE_INFINITY]
    assert.equal(new Set(distinct.map((v) => canonicalJson({ v }))).size, distinct.length)
    assert.throws(() => canonicalJson({ f: () => 1 }), TypeError)
  })

  it('finds dataset names anywhere in the spec, including lookup sources', () => {
    const spec = {
      data: { name: 'b' },
      transform: [{ lookup: 'k', from: { data: { name: 'a' }, key: 'k', fields: ['v'] } }],
      layer: [{ data: { name: 'c' }, mark: 'point' }],
    }
    assert.deepEqual(referencedDatasetNames(spec), ['a', 'b', 'c'])
  })
})

describe('fsChartCacheStore', () => {
  const dirs: string[] = []
  after(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))))

  it('stores <key>.svg atomically and survives the folder being deleted', async () => {
    const root = await mkdtemp(join(tmpdir(), 'chart-cache-'))
    dirs.push(root)
    const dir = join(root, 'charts')
    const store = fsChartCacheStore(dir)
    const counter = countingRenderer()
    const { key } = await renderChartCached(bar(), store, counter.render)
    assert.deepEqual(await readdir(dir), [`${key}.svg`], 'no temporary file is left behind')
    await renderChartCached(bar(), store, counter.render)
    assert.equal(counter.calls, 1)
    await rm(dir, { recursive: true })
    const again = await renderChartCached(bar(), store, counter.render)
    assert.deepEqual([again.fromCache, counter.calls], [false, 2])
  })

  it('is empty without the folder and without drawings, and not once one is stored', async () => {
    const root = await mkdtemp(join(tmpdir(), 'chart-cache-'))
    dirs.push(root)
    const store = fsChartCacheStore(join(root, 'charts'))
    assert.equal(await store.isEmpty?.(), true, 'no folder')
    await mkdir(join(root, 'charts'))
    await writeFile(join(root, 'charts', 'notes.txt'), 'x')
    assert.equal(await store.isEmpty?.(), true, 'no drawing')
    await renderChartCached(bar(), store, countingRenderer().render)
    assert.equal(await store.isEmpty?.(), false)
  })

  it('refuses keys that are not sha256 hex, so a key cannot escape the folder', async () => {
    const store = fsChartCacheStore(tmpdir())
    await assert.rejects(store.read('../etc/passwd'), TypeError)
    await assert.rejects(store.write('x', '<svg/>'), TypeError)
  })
})

test('a remembering store serves what it read or wrote from memory, the last entries only', async () => {
  const reads: string[] = []
  const disk = memoryChartCacheStore()
  const counting = {
    read: (key: string) => {
      reads.push(key)
      return disk.read(key)
    },
    write: (key: string, svg: string) => disk.write(key, svg),
  }
  const store = rememberingChartStore(counting, 2)
  const [a, b, c] = ['a', 'b', 'c'].map((x) => x.repeat(64))
  await disk.write(a as string, '<svg>a</svg>')
  assert.equal(await store.read(a as string), '<svg>a</svg>')
  assert.equal(await store.read(a as string), '<svg>a</svg>')
  assert.deepEqual(reads, [a], 'the second read came from memory')
  await store.write(b as string, '<svg>b</svg>')
  await store.write(c as string, '<svg>c</svg>')
  assert.equal(await store.read(c as string), '<svg>c</svg>')
  assert.equal(await store.read(a as string), '<svg>a</svg>')
  assert.deepEqual(reads, [a, a], 'a was dropped from memory for b and c, and read again')
})
