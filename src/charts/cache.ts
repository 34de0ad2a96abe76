/**
 * A content-addressed cache of rendered charts, so `npm run dev` and repeated builds skip charts
 * whose inputs did not change. Keys hash everything that affects the SVG; entries are immutable,
 * so a stale entry can never be served and deleting the folder only costs re-renders.
 */
import { createHash } from 'node:crypto'
import { statSync } from 'node:fs'
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Spec as VegaSpec } from 'vega'
import { installedVersion } from '../../scripts/package-version.mjs'
import { keptWith, RecentMap } from '../memo.ts'
import {
  CHART_RENDERER_VERSION,
  type ChartInput,
  compileChart,
  type RenderedChart,
  renderChart,
  renderVegaSvg,
} from './render.ts'
import { chartTheme } from './theme.ts'
import type { ChartDatasets } from './validate.ts'

/** Where rendered SVGs are kept; injected so tests and `npm run dev` can stay in memory. */
export interface ChartCacheStore {
  read(key: string): Promise<string | undefined>
  write(key: string, svg: string): Promise<void>
  /** True when it holds no drawing at all (a fresh clone): every chart will be drawn. */
  isEmpty?(): Promise<boolean>
}

/** A render result plus how it was obtained, for build logs and benchmarks. */
export interface CachedChart extends RenderedChart {
  key: string
  fromCache: boolean
}

/** The renderer renderChartCached calls on a miss; injectable so tests can count renders. */
export type ChartRenderer = (input: ChartInput) => Promise<RenderedChart>

/**
 * The versions of the chart libraries a bundle holds: scripts/compile.mjs writes them in when it
 * bundles them, so the key names the code that draws, whatever node_modules holds since.
 */
declare const BUNDLED_VEGA_VERSION: string
declare const BUNDLED_VEGA_LITE_VERSION: string

/**
 * Library versions: the bundle's, or under a TypeScript loader (tests) each package's as
 * installed, found the way scripts/compile.mjs finds them; resolving them took the worker
 * ~17 ms at each start. Importing the libraries to ask them would cost ~600 ms on every build,
 * even when every chart is cached.
 */
const LIBRARY_VERSIONS =
  typeof BUNDLED_VEGA_VERSION === 'string' && typeof BUNDLED_VEGA_LITE_VERSION === 'string'
    ? { vega: BUNDLED_VEGA_VERSION, vegaLite: BUNDLED_VEGA_LITE_VERSION }
    : {
        vega: installedVersion('vega', import.meta.url) ?? 'unknown',
        vegaLite: installedVersion('vega-lite', import.meta.url) ?? 'unknown',
      }

/**
 * The cache key: sha256 of the canonical JSON of the spec, the datasets it names, the id prefix,
 * title, description, the theme, the library versions and the renderer version. Datasets the spec
 * does not name are left out, so editing one model dataset re-renders only its charts.
 */
export function chartCacheKey(input: ChartInput): string {
  const datasets = usedDatasets(input.spec, input.datasets)
  const material = canonicalJson({
    renderer: CHART_RENDERER_VERSION,
    libraries: LIBRARY_VERSIONS,
    theme: chartTheme,
    spec: input.spec,
    datasets,
    idPrefix: input.idPrefix,
    title: input.title,
    description: input.description,
  })
  return createHash('sha256').update(material).digest('hex')
}

/**
 * The key of a raw SVG (Vega's drawing before ids and root are decorated, see RawSvgRenderer):
 * everything chartCacheKey hashes except the id prefix, title and description. Stored in the
 * same cache, so a caption edit re-decorates a stored drawing instead of running Vega again.
 */
export function rawChartKey(spec: unknown, datasets: ChartDatasets): string {
  const used = usedDatasets(spec, datasets)
  const material = canonicalJson({
    raw: true,
    renderer: CHART_RENDERER_VERSION,
    libraries: LIBRARY_VERSIONS,
    theme: chartTheme,
    spec,
    datasets: used,
  })
  return createHash('sha256').update(material).digest('hex')
}

/**
 * A raw drawing being computed ahead of the pages (by worker.ts): its promise, and `take`, which
 * withdraws it from the worker's queue if the worker has not started it (true), so the page
 * draws it itself instead of waiting while the worker is busy with others.
 */
interface DrawingAhead {
  readonly drawing: Promise<string | undefined>
  readonly take: () => boolean
}

/** Drawings ahead by raw key. */
const ahead = new Map<string, DrawingAhead>()

/** Registers a drawing computed ahead; renderChartCached takes it instead of running Vega. */
export function drawingAhead(key: string, entry: DrawingAhead): void {
  ahead.set(key, entry)
}

/** The drawing ahead for `key` to wait for, or undefined if there is none or it was withdrawn. */
function takeAhead(key: string): Promise<string | undefined> | undefined {
  const entry = ahead.get(key)
  ahead.delete(key)
  return entry && !entry.take() ? entry.drawing : undefined
}

/** Raw drawings from the store, from work done ahead, or drawn here (and then stored). */
function rawThroughCache(store: ChartCacheStore) {
  return async (spec: Record<string, unknown>, datasets: ChartDatasets): Promise<string> => {
    const key = rawChartKey(spec, datasets)
    const stored = await store.read(key)
    if (stored?.startsWith('<svg')) return stored
    const early = takeAhead(key)
    // A drawing that failed ahead is drawn again here, so errors are reported as before.
    const svg = (early && (await early)) || (await renderVegaSvg(spec, datasets))
    await store.write(key, svg)
    return svg
  }
}

/** Renders through the cache: a hit returns the stored SVG, a miss renders and stores it. */
export async function renderChartCached(
  input: ChartInput,
  store: ChartCacheStore,
  render: ChartRenderer = (chart) => renderChart(chart, rawThroughCache(store)),
): Promise<CachedChart> {
  const key = chartCacheKey(input)
  const stored = await store.read(key)
  // A damaged entry (not an SVG) is treated as a miss and overwritten.
  if (stored?.startsWith('<svg')) return { svg: stored, key, fromCache: true }
  const { svg } = await render(input)
  await store.write(key, svg)
  return { svg, key, fromCache: false }
}

/** The key of a spec compiled to Vega: the spec, the theme and the library versions. */
function compiledChartKey(spec: unknown): string {
  const material = canonicalJson({
    vega: true,
    renderer: CHART_RENDERER_VERSION,
    libraries: LIBRARY_VERSIONS,
    theme: chartTheme,
    spec,
  })
  return createHash('sha256').update(material).digest('hex')
}

/** Specs the chart worker compiled while drawing them (JSON), by compiled key. */
const compiledAhead = new Map<string, string>()

/** Registers a spec compiled by the chart worker, so this thread need not load Vega-Lite for it. */
export function compiledChartAhead(spec: unknown, json: string): void {
  compiledAhead.set(compiledChartKey(spec), json)
}

/**
 * A Vega-Lite spec compiled to Vega (compileChart) through the same store, so a build whose
 * charts are all cached does not load Vega-Lite to compile them for the page either; on a cold
 * build the chart worker usually compiled it already, with its drawing.
 */
export async function compileChartCached(
  spec: Record<string, unknown>,
  store: ChartCacheStore,
): Promise<VegaSpec> {
  const key = compiledChartKey(spec)
  const stored = await store.read(key)
  if (stored?.startsWith('{')) {
    try {
      return JSON.parse(stored) as VegaSpec
    } catch {
      // damaged: compiled again and overwritten
    }
  }
  const ahead = compiledAhead.get(key)
  compiledAhead.delete(key)
  const json = ahead ?? JSON.stringify(await compileChart(spec))
  await store.write(key, json)
  return JSON.parse(json) as VegaSpec
}

/**
 * Every `{"data": {"name": …}}` anywhere in the spec, including lookup sources. A deliberate
 * over-approximation of what the renderer reads, so no dataset that matters is left out of the key.
 */
export function referencedDatasetNames(spec: unknown): string[] {
  const names = new Set<string>()
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit)
    if (typeof node !== 'object' || node === null || Array.isArray(node)) return
    for (const [key, value] of Object.entries(node)) {
      if (key === 'data' && isNamed(value)) names.add(value.name)
      visit(value)
    }
  }
  visit(spec)
  return [...names].sort()
}

const isNamed = (value: unknown): value is { name: string } =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Record<string, unknown>).name === 'string'

/**
 * The datasets `spec` names, as canonical JSON: each dataset's rows are written once, and taken
 * as written for the next key (a chart's wide, phone, fitted and decorated drawings each hash
 * the same rows). Rows are never written into: the renderer draws copies (render.ts).
 */
function usedDatasets(spec: unknown, datasets: ChartDatasets): CanonicalJson {
  const names = referencedDatasetNames(spec).filter((name) => Object.hasOwn(datasets, name))
  const entries = names.sort().map((name) => {
    const rows = datasets[name]
    const json = typeof rows === 'object' && rows !== null ? rowsJson(rows) : canonicalJson(rows)
    return `${JSON.stringify(name)}:${json}`
  })
  return new CanonicalJson(`{${entries.join(',')}}`)
}

const rowsJson = keptWith((rows: object) => canonicalJson(rows))

/** Text canonicalJson has already made, to be written as it is. */
class CanonicalJson {
  constructor(readonly json: string) {}
}

/**
 * JSON with sorted keys, so equal values hash equally whatever their key order. Values JSON
 * would merge or drop (NaN, ±Infinity, -0, undefined) are tagged, because Vega draws them
 * differently (-0 formats as "-0", an undefined field still counts as present).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') {
    return JSON.stringify(value)
  }
  if (typeof value === 'number') {
    if (Object.is(value, -0)) return '{"$number":"-0"}'
    return Number.isFinite(value) ? JSON.stringify(value) : `{"$number":"${value}"}`
  }
  if (value === undefined) return '{"$undefined":true}'
  if (value instanceof Date) return `{"$date":${JSON.stringify(value.toISOString())}}`
  if (value instanceof CanonicalJson) return value.json
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (typeof value === 'object' && isPlainObject(value)) {
    const entries = Object.keys(value)
      .sort()
      .map(
        (key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`,
      )
    return `{${entries.join(',')}}`
  }
  throw new TypeError(`Cannot hash chart input value of type ${typeof value}`)
}

function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value)
  return prototype === Object.prototype || prototype === null
}

/** Keeps keys to what chartCacheKey makes, so a key can never name a path outside the folder. */
function assertKey(key: string): void {
  if (!/^[0-9a-f]{64}$/.test(key)) throw new TypeError(`Not a chart cache key: ${key}`)
}

const isMissing = (error: unknown): boolean =>
  error instanceof Error && 'code' in error && error.code === 'ENOENT'

let temporaryCounter = 0

/**
 * Stores each chart as `dir/<key>.svg`. Writes go to a temporary file that is then renamed, so a
 * reader never sees half a file, even with two builds running. The folder is created on demand and
 * may be deleted at any time.
 */
export function fsChartCacheStore(dir: string): ChartCacheStore {
  const write = async (key: string, svg: string): Promise<void> => {
    const temporary = join(dir, `.${key}.${process.pid}.${temporaryCounter++}.tmp`)
    await mkdir(dir, { recursive: true })
    try {
      await writeFile(temporary, svg, 'utf8')
      await rename(temporary, join(dir, `${key}.svg`))
    } catch (error) {
      await rm(temporary, { force: true })
      throw error
    }
  }
  return {
    async read(key) {
      assertKey(key)
      const path = join(dir, `${key}.svg`)
      // A miss is asked about first, without an exception: on a cold build every read misses,
      // and each failed open made an error with its stack (~0.3 ms of the main thread apiece).
      if (!statSync(path, { throwIfNoEntry: false })) return undefined
      try {
        return await readFile(path, 'utf8')
      } catch (error) {
        if (isMissing(error)) return undefined
        throw error
      }
    },
    async isEmpty() {
      const names = await readdir(dir).catch(() => [])
      return !names.some((name) => name.endsWith('.svg'))
    },
    async write(key, svg) {
      assertKey(key)
      try {
        await write(key, svg)
      } catch (error) {
        // The folder was deleted between mkdir and rename: try once more.
        if (!isMissing(error)) throw error
        await write(key, svg)
      }
    },
  }
}

/**
 * `store` with the last `limit` entries it read or wrote kept in memory as well. Entries are
 * immutable (a key names its content), so a kept one is never stale: `npm run dev` takes its
 * charts from memory on each rebuild instead of waiting on forty file reads.
 */
export function rememberingChartStore(store: ChartCacheStore, limit = 256): ChartCacheStore {
  const kept = new RecentMap<string, string>(limit)
  const keep = (key: string, svg: string) => kept.set(key, svg)
  return {
    async read(key) {
      const found = kept.get(key)
      if (found !== undefined) return found
      const svg = await store.read(key)
      if (svg !== undefined) keep(key, svg)
      return svg
    },
    async write(key, svg) {
      await store.write(key, svg)
      keep(key, svg)
    },
    isEmpty: async () => kept.size === 0 && (await store.isEmpty?.()) === true,
  }
}

/** A cache that lives as long as the process, for `npm run dev` and tests. */
export function memoryChartCacheStore(): ChartCacheStore {
  const entries = new Map<string, string>()
  return {
    read: async (key) => entries.get(key),
    write: async (key, svg) => {
      entries.set(key, svg)
    },
    isEmpty: async () => entries.size === 0,
  }
}
