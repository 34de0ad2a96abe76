/**
 * Monte Carlo over the whole model: every input that declares a distribution is drawn by Latin
 * hypercube sampling (N strata, one draw in each, in a seeded random order), correlated pairs
 * through a Gaussian copula, and the model is evaluated once per draw. Deterministic: each
 * input's random stream depends only on the seed and the input's id, so two scenarios drawn with
 * one seed share their draws (common random numbers) and a claim comparing them is fair.
 */

import { keptWith } from '../memo.ts'
import { normalCdf, normalQuantile, quantileOf } from './distributions.ts'
import { ModelError } from './errors.ts'
import {
  type CompiledModel,
  dependentsOf,
  evaluate,
  evaluateColumns,
  evaluateRow,
  nonFinite,
  rowEvaluator,
} from './evaluate.ts'
import type { Correlation, InputDef } from './types.ts'

/** The sampling settings; the defaults are what the article is built with. */
export interface SampleOptions {
  readonly samples?: number
  readonly seed?: number
}

/** Default number of draws. */
export const DEFAULT_SAMPLES = 10_000
/** Default seed: any fixed number makes the output reproducible. */
export const DEFAULT_SEED = 20_251_113

/** A figure's distribution over the draws. */
export interface Quantiles {
  readonly p5: number
  readonly p50: number
  readonly p95: number
  readonly mean: number
}

/** The draws of one scenario: every figure's value in every draw. */
export interface Sample {
  readonly count: number
  readonly model: CompiledModel
  /** Inputs that were drawn (not fixed by the scenario or a setting), in model order. */
  readonly uncertain: readonly string[]
  /** Draw `i`: every figure's value, indexed like the compiled model (a new array). */
  row(i: number): Float64Array
  /**
   * Figure `id`'s draws in draw order, or undefined when it holds its point value in every draw.
   * Samples of one model share the columns they have in common: read it, never write into it.
   */
  column(id: string): Float64Array | undefined
  /** Figure `id`'s value at the point values of the sample's inputs. */
  point(id: string): number
  quantiles(id: string): Quantiles
  /** The sorted values of a figure over the draws. */
  sorted(id: string): Float64Array
  /**
   * A figure's draws by rank, found by selection: a sparkline or a histogram needs a few order
   * statistics and counts, which a sort of every draw (several times slower) would give too.
   */
  ranked(id: string): Ranked
  /** Whether a figure can differ between draws: a drawn input, or a figure that depends on one. */
  varies(id: string): boolean
  /** The share of draws for which `predicate` holds. */
  share(predicate: (row: Float64Array, i: number) => boolean): number
}

/** A figure's draws and their order statistics (see Sample.ranked). */
export interface Ranked {
  /** The draws in draw order (shared with the sample: read them, never write into them). */
  readonly draws: Float64Array
  /** The k-th smallest draw, k from 0. */
  rank(k: number): number
  /** The p-quantile, as `at` gives it on the sorted draws (bit for bit, a zero's sign aside). */
  at(p: number): number
}

/**
 * A sample as plain data, for another thread of the same build (structured clone keeps the
 * columns that samples share shared): its draws, and what was found from them so far.
 */
export interface SampleData {
  readonly count: number
  /** By model index, as in the sample: undefined where the figure holds its point value. */
  readonly columns: readonly (Float64Array | undefined)[]
  readonly points: Float64Array
  readonly uncertain: readonly string[]
  readonly varies: Uint8Array
  readonly quantiles: readonly (readonly [string, Quantiles])[]
  readonly sorted: readonly (readonly [string, Float64Array])[]
}

/** Each sample's plain data, by the sample (see sampleData). */
const dataOf = new WeakMap<Sample, () => SampleData>()

/** `sample` as plain data, with the quantiles and sorted columns it has found so far. */
export function sampleData(sample: Sample): SampleData {
  const data = dataOf.get(sample)
  if (!data) throw new TypeError('expected a sample made by sampleModel')
  return data()
}

/**
 * The sample `data` describes, over `model` (the model it was drawn from, compiled again in this
 * thread): the same draws bit for bit, and the quantiles and sorted columns already found.
 */
export function restoreSample(model: CompiledModel, data: SampleData): Sample {
  if (data.points.length !== model.ids.length)
    throw new RangeError(
      `expected a sample of ${model.ids.length} figures, got ${data.points.length}`,
    )
  return makeSample(
    model,
    data.count,
    data.columns,
    data.points,
    [...data.uncertain],
    data.varies,
    data,
  )
}

/** By model index: whether the figure depends on no input with a range (never drawn or varied). */
const restsOnNoRange = keptWith((model: CompiledModel): Uint8Array => {
  const ranged = model.inputs.flatMap((input, k) => (input.uncertainty ? [k] : []))
  const fixed = new Uint8Array(model.ids.length).fill(1)
  for (const k of ranged) fixed[k] = 0
  for (const d of dependentsOf(model, ranged)) fixed[model.inputs.length + d] = 0
  return fixed
})

/**
 * Whether figure `id` is the same in every draw of every sample of the model: it depends on no
 * input with a range. False for unknown ids.
 */
function neverVaries(model: CompiledModel, id: string): boolean {
  const k = model.index.get(id)
  return k !== undefined && restsOnNoRange(model)[k] === 1
}

/**
 * Where a RowFunction over the draws finds the figures `ids` (see compileExpression): draw `i` of
 * figure `id` is `table[slot(id) + i]`, or `table[slot(id)]` when `fixed(id)` (the same in every
 * draw of every sample of the model). The layout is the same for every sample of the model and
 * count, so one compiled expression reads several scenarios' draws at once. Unknown ids get -1.
 */
export interface DrawTable {
  /** The length of a table. */
  readonly size: number
  slot(id: string): number
  fixed(id: string): boolean
  /** Copies a sample's draws of the figures into `table` (at least `size` long). */
  fill(sample: Sample, table: Float64Array): void
}

/** A DrawTable for the figures `ids` of samples of `count` draws. */
export function drawTable(model: CompiledModel, ids: readonly string[], count: number): DrawTable {
  const m = ids.length
  const fixed = (id: string) => neverVaries(model, id)
  const slots = new Map(ids.map((id, j) => [id, fixed(id) ? m * count + j : j * count]))
  return {
    size: m * count + m,
    slot: (id) => slots.get(id) ?? -1,
    fixed,
    fill: (sample, table) => {
      for (const [id, at] of slots) {
        if (!model.index.has(id)) continue
        const column = fixed(id) ? undefined : sample.column(id)
        if (column) table.set(column, at)
        else table.fill(sample.point(id), at, fixed(id) ? at + 1 : at + count)
      }
    },
  }
}

/** sfc32, a small fast generator with a 128-bit state (PractRand-clean), seeded by 32-bit words. */
function sfc32(a: number, b: number, c: number, d: number): () => number {
  return () => {
    a |= 0
    b |= 0
    c |= 0
    d |= 0
    const t = (((a + b) | 0) + d) | 0
    d = (d + 1) | 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) | 0
    c = (c << 21) | (c >>> 11)
    c = (c + t) | 0
    return (t >>> 0) / 4294967296
  }
}

/** A generator for one input: FNV-1a of its id mixed with the seed. */
function streamFor(id: string, seed: number): () => number {
  let h = 2166136261 ^ seed
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619)
  const next = sfc32(seed, h, h ^ 0x9e3779b9, 0x85ebca6b)
  for (let i = 0; i < 12; i++) next()
  return next
}

/** Latin-hypercube uniforms for one input: one draw in each of `n` strata, shuffled. */
function latinHypercube(n: number, random: () => number): Float64Array {
  const order = new Int32Array(n)
  for (let i = 0; i < n; i++) order[i] = i
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    const swap = order[i] as number
    order[i] = order[j] as number
    order[j] = swap
  }
  const u = new Float64Array(n)
  for (let i = 0; i < n; i++) u[i] = ((order[i] as number) + random()) / n
  return u
}

/** Couples the second input's uniforms to the first's with a Spearman rank correlation. */
function correlate(first: Float64Array, second: Float64Array, rank: number): void {
  // A Gaussian copula with Pearson r has Spearman ρ = (6/π)·asin(r/2).
  const r = 2 * Math.sin((Math.PI * rank) / 6)
  const residual = Math.sqrt(1 - r * r)
  for (let i = 0; i < second.length; i++) {
    const z =
      r * normalQuantile(first[i] as number) + residual * normalQuantile(second[i] as number)
    second[i] = Math.min(Math.max(normalCdf(z), 1e-12), 1 - 1e-12)
  }
}

/** An input's values over the draws, and its place in the compiled model. */
interface Column {
  readonly k: number
  readonly values: Float64Array
}

/**
 * Drawn columns by compiled model, then by count, seed, correlations applied and input: a
 * scenario fixes some inputs and draws the others, and an input's column does not depend on the
 * scenario unless it changes which correlations apply to it. A build samples a dozen scenarios
 * (the claims table's chances), which then share most columns instead of drawing each again.
 */
const columnCaches = keptWith((_model: CompiledModel) => new Map<string, Column>())

/** Throws ModelError for a rank outside −1…1 or a pair of one input with itself. */
function checkCorrelations(correlations: readonly Correlation[]): void {
  for (const { inputs, rank, note } of correlations)
    if (!(rank >= -1 && rank <= 1) || inputs[0] === inputs[1])
      throw new ModelError(
        'uncertainty-invalid',
        `Unexpected correlation ${rank} of \`${inputs.join('` and `')}\``,
        {
          figure: inputs[0],
          hint: `a rank correlation from −1 to 1 between two different inputs (${note})`,
        },
      )
}

/** The columns of the inputs in `drawn` (correlated where both inputs of a pair are drawn). */
function drawnColumns(
  model: CompiledModel,
  drawn: readonly (InputDef & Required<Pick<InputDef, 'uncertainty'>>)[],
  correlations: readonly Correlation[],
  n: number,
  seed: number,
): Column[] {
  checkCorrelations(correlations)
  const ids = new Set(drawn.map((input) => input.id))
  const applied = correlations.filter(({ inputs }) => ids.has(inputs[0]) && ids.has(inputs[1]))
  const coupled = new Set(applied.flatMap(({ inputs }) => inputs))
  const signature = JSON.stringify(applied.map(({ inputs, rank }) => [...inputs, rank]))
  const cache = columnCaches(model)
  const keyOf = (id: string) => JSON.stringify([n, seed, coupled.has(id) ? signature : '', id])
  if (drawn.some((input) => !cache.has(keyOf(input.id)))) {
    // Coupled inputs are drawn together (a chain of pairs couples them all); the rest alone.
    const uniforms = new Map<string, Float64Array>()
    for (const input of drawn)
      if (coupled.has(input.id) || !cache.has(keyOf(input.id)))
        uniforms.set(input.id, latinHypercube(n, streamFor(input.id, seed)))
    for (const { inputs, rank } of applied)
      correlate(
        uniforms.get(inputs[0]) as Float64Array,
        uniforms.get(inputs[1]) as Float64Array,
        rank,
      )
    for (const input of drawn) {
      const u = uniforms.get(input.id)
      if (!u || cache.has(keyOf(input.id))) continue
      const values = new Float64Array(n)
      for (let i = 0; i < n; i++) values[i] = quantileOf(input.uncertainty, u[i] as number)
      cache.set(keyOf(input.id), { k: model.index.get(input.id) as number, values })
    }
  }
  return drawn.map((input) => cache.get(keyOf(input.id)) as Column)
}

/**
 * Draws the model `options.samples` times around `base` (the input values of a scenario and
 * settings; inputs given there stay fixed). Throws ModelError for a bad correlation.
 */
export function sampleModel(
  model: CompiledModel,
  base: ReadonlyMap<string, number>,
  correlations: readonly Correlation[] = [],
  options: SampleOptions = {},
): Sample {
  const n = options.samples ?? DEFAULT_SAMPLES
  const seed = options.seed ?? DEFAULT_SEED
  const drawn = model.inputs.filter(
    (input): input is InputDef & Required<Pick<InputDef, 'uncertainty'>> =>
      input.uncertainty !== undefined && !base.has(input.id),
  )
  const key = referenceKey(n, seed, correlations)
  const known = base.size === 0 ? referenceSamples(model).get(key) : undefined
  if (known) return known
  const inputColumns = drawnColumns(model, drawn, correlations, n, seed)
  const width = model.ids.length
  // Every draw starts from the point values; only the drawn inputs change, and only the figures
  // that depend on them are computed again (the others keep their point values, as they would).
  const points = new Float64Array(width)
  model.inputs.forEach((input, k) => {
    points[k] = base.get(input.id) ?? input.value
  })
  const pointFailed = evaluateRow(model, points, 0)
  const uncertain = drawn.map((d) => d.id)
  // A figure that fails at the point values is found, and reported, in the first draw.
  if (pointFailed >= 0) return rowSample(model, n, points, inputColumns, uncertain)
  const varying = dependentsOf(
    model,
    inputColumns.map((column) => column.k),
  )
  const columns: (Float64Array | undefined)[] = new Array(width)
  for (const { k, values } of inputColumns) columns[k] = values
  const reference = base.size > 0 ? referenceSample(model, correlations, n, seed) : undefined
  const computed = reference ? shareColumns(model, base, inputColumns, reference, columns) : varying
  if (!evaluateColumns(model, n, columns, points, computed))
    return rowSample(model, n, points, inputColumns, uncertain)
  const varies = new Uint8Array(width)
  for (const column of inputColumns) varies[column.k] = 1
  for (const d of varying) varies[model.inputs.length + d] = 1
  const sample = makeSample(model, n, columns, points, uncertain, varies)
  if (base.size === 0) referenceSamples(model).set(key, sample)
  return sample
}

/**
 * The sample with every ranged input drawn (no scenario, no setting), by model, then by count,
 * seed and correlations; undefined where it fails.
 */
const referenceSamples = keptWith((_model: CompiledModel) => new Map<string, Sample | undefined>())

const referenceKey = (samples: number, seed: number, correlations: readonly Correlation[]) =>
  JSON.stringify([samples, seed, correlations])

/**
 * The sample of `model` at its own input values, which the samples of scenarios share columns
 * with; undefined when it cannot be drawn (a scenario may fix the input that makes it fail).
 */
function referenceSample(
  model: CompiledModel,
  correlations: readonly Correlation[],
  samples: number,
  seed: number,
): Sample | undefined {
  const cache = referenceSamples(model)
  const key = referenceKey(samples, seed, correlations)
  if (cache.has(key)) return cache.get(key)
  try {
    // Kept in referenceSamples by sampleModel itself, as every sample at no scenario is.
    return sampleModel(model, new Map(), correlations, { samples, seed })
  } catch (error) {
    if (!(error instanceof ModelError)) throw error
    cache.set(key, undefined)
    return undefined
  }
}

/**
 * Puts into `columns` the reference's columns of the derived figures that do not depend on any
 * input whose value or draws differ here: those have the same value in every draw, bit for bit.
 * Returns the derived figures left to compute, in dependency order. A scenario changes a few
 * inputs, so its sample computes and keeps a third to two thirds of the columns; fresh memory
 * costs ~10 ms for a whole sample's columns on these machines.
 */
function shareColumns(
  model: CompiledModel,
  base: ReadonlyMap<string, number>,
  inputColumns: readonly Column[],
  reference: Sample,
  columns: (Float64Array | undefined)[],
): Int32Array {
  const changed = [...base.keys()].map((id) => model.index.get(id) as number)
  // The same Column object is the same draws (drawnColumns' cache); correlations can change them.
  for (const { k, values } of inputColumns)
    if (reference.column(model.ids[k] as string) !== values) changed.push(k)
  const affected = new Uint8Array(model.derived.length)
  for (const d of dependentsOf(model, changed)) affected[d] = 1
  const first = model.inputs.length
  const drawnHere = dependentsOf(
    model,
    inputColumns.map((column) => column.k),
  )
  const computed: number[] = []
  for (const d of drawnHere) {
    if (affected[d] === 1) computed.push(d)
    else columns[first + d] = reference.column(model.ids[first + d] as string)
  }
  return Int32Array.from(computed)
}

/**
 * A sample computed draw by draw, every figure in each: where the point values fail, or a column
 * holds a value that is not finite. Throws ModelError for the first draw with a non-finite figure,
 * naming the first such figure.
 */
function rowSample(
  model: CompiledModel,
  n: number,
  points: Float64Array,
  inputColumns: readonly Column[],
  uncertain: string[],
): Sample {
  const width = model.ids.length
  const row = points.slice()
  const evaluateDraw = rowEvaluator(model)
  const columns: (Float64Array | undefined)[] = new Array(width)
  for (const { k, values } of inputColumns) columns[k] = values
  const fixed = restsOnNoRange(model)
  const first = model.inputs.length
  for (let d = 0; d < model.derived.length; d++)
    if (fixed[first + d] === 0) columns[first + d] = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    for (const column of inputColumns) row[column.k] = column.values[i] as number
    const failed = evaluateDraw(row, 0)
    if (failed >= 0) throw nonFinite(model, row, 0, failed, i)
    for (let k = first; k < width; k++) {
      const column = columns[k]
      if (column) column[i] = row[k] as number
    }
  }
  // Every derived figure was computed in every draw; one resting on no ranged input still holds
  // its point value throughout.
  const varies = new Uint8Array(width)
  for (const column of inputColumns) varies[column.k] = 1
  for (let k = first; k < width; k++) if (fixed[k] === 0) varies[k] = 1
  return makeSample(model, n, columns, points, uncertain, varies)
}

function makeSample(
  model: CompiledModel,
  n: number,
  columns: readonly (Float64Array | undefined)[],
  points: Float64Array,
  uncertain: string[],
  varying: Uint8Array,
  found?: Pick<SampleData, 'quantiles' | 'sorted'>,
): Sample {
  const width = model.ids.length
  const index = (id: string): number => {
    const i = model.index.get(id)
    if (i === undefined)
      throw new ModelError('unknown-figure', `Unknown figure \`${id}\``, { figure: id })
    return i
  }
  /** Figure `i` over the draws, in draw order (shared: copy it to reorder it). */
  const draws = (i: number): Float64Array =>
    columns[i] ?? new Float64Array(n).fill(points[i] as number)
  const rowInto = (i: number, row: Float64Array): Float64Array => {
    row.set(points)
    for (let k = 0; k < width; k++) {
      const column = columns[k]
      if (column) row[k] = column[i] as number
    }
    return row
  }
  const sortedCache = new Map<string, Float64Array>(found?.sorted)
  const rankedCache = new Map<string, Ranked>()
  const quantileCache = new Map<string, Quantiles>(found?.quantiles)
  const sorted = (id: string): Float64Array => {
    let column = sortedCache.get(id)
    if (!column) {
      column = draws(index(id)).slice()
      // Most figures do not depend on any drawn input: nothing to sort.
      if (!isConstant(column)) column.sort()
      sortedCache.set(id, column)
    }
    return column
  }
  const sample: Sample = {
    count: n,
    model,
    uncertain,
    row: (i) => rowInto(i, new Float64Array(width)),
    column: (id) => columns[index(id)],
    point: (id) => points[index(id)] as number,
    sorted,
    ranked: (id) => {
      let r = rankedCache.get(id)
      if (!r) {
        const i = index(id)
        const column = columns[i]
        const known = sortedCache.get(id)
        r = column && !known ? rankedColumn(column) : rankedDraws(draws(i), known)
        rankedCache.set(id, r)
      }
      return r
    },
    quantiles: (id) => {
      let q = quantileCache.get(id)
      if (!q) {
        const i = index(id)
        const column = columns[i]
        if (varying[i] === 1 && column) q = columnQuantiles(column)
        else {
          // A figure that does not vary is summed too, as its n equal draws round.
          const v = points[i] as number
          let sum = 0
          for (let k = 0; k < n; k++) sum += v
          q = { p5: v, p50: v, p95: v, mean: sum / n }
        }
        quantileCache.set(id, q)
      }
      return q
    },
    varies: (id) => varying[index(id)] === 1,
    share: (predicate) => {
      const row = new Float64Array(width)
      let hits = 0
      for (let i = 0; i < n; i++) if (predicate(rowInto(i, row), i)) hits++
      return hits / n
    },
  }
  dataOf.set(sample, () => ({
    count: n,
    columns,
    points,
    uncertain,
    varies: varying,
    quantiles: [...quantileCache],
    sorted: [...sortedCache],
  }))
  return sample
}

/**
 * Puts the k-th smallest value of `a[left..right]` at index k (smaller before it, larger after,
 * within those bounds) and returns it.
 */
function select(a: Float64Array, k: number, left = 0, right = a.length - 1): number {
  while (right > left) {
    // Median of three as the pivot keeps nearly sorted columns (LHS draws) linear.
    const mid = (left + right) >>> 1
    const x = a[left] as number
    const y = a[mid] as number
    const z = a[right] as number
    const pivot = Math.max(Math.min(x, y), Math.min(Math.max(x, y), z))
    let i = left
    let j = right
    while (i <= j) {
      while ((a[i] as number) < pivot) i++
      while ((a[j] as number) > pivot) j--
      if (i <= j) {
        const t = a[i] as number
        a[i] = a[j] as number
        a[j] = t
        i++
        j--
      }
    }
    if (k <= j) right = j
    else if (k >= i) left = i
    else return a[k] as number
  }
  return a[k] as number
}

/** The p-quantile of sorted values, interpolating linearly between neighbours. */
export function at(sorted: Float64Array, p: number): number {
  return interpolate((k) => sorted[k] as number, sorted.length, p)
}

/** The p-quantile of `n` values given by rank: `at`'s arithmetic, shared so both give the same. */
function interpolate(rank: (k: number) => number, n: number, p: number): number {
  const position = (n - 1) * p
  const below = Math.floor(position)
  const low = rank(below)
  const high = rank(Math.min(below + 1, n - 1))
  return low + (high - low) * (position - below)
}

/** Whether every draw of a column is the same value. */
function isConstant(column: Float64Array): boolean {
  const first = column[0]
  for (let k = 1; k < column.length; k++) if (column[k] !== first) return false
  return true
}

/**
 * Ranked draws and quantiles by column: a scenario's sample shares the reference sample's
 * column of each figure its changes do not reach (see sampleModel), and the same draws have the
 * same ranks, so a shared column is ranked once for every sample that holds it.
 */
const rankedColumn = keptWith((column: Float64Array): Ranked => rankedDraws(column))

/** The quantiles' working copy: selection reorders it in place. */
let scratch = new Float64Array(0)

/**
 * A column's quantiles, by selection on a copy (a few times faster than sorting: the build asks
 * for every figure's quantiles, and few sorted columns). The mean sums the draws in draw order.
 */
const columnQuantiles = keptWith((column: Float64Array): Quantiles => {
  const n = column.length
  let sum = 0
  for (let k = 0; k < n; k++) sum += column[k] as number
  const mean = sum / n
  if (isConstant(column)) {
    const v = column[0] as number
    return { p5: v, p50: v, p95: v, mean }
  }
  if (scratch.length !== n) scratch = new Float64Array(n)
  scratch.set(column)
  // The median first: the 5% and 95% ranks are then selected each in its half of the draws.
  const ranked = rankedDraws(scratch, undefined, true)
  const p50 = ranked.at(0.5)
  return { p5: ranked.at(0.05), p50, p95: ranked.at(0.95), mean }
})

/**
 * `draws` by rank: from `sorted` when the sample has sorted them, otherwise by selection on a
 * copy made at the first question (or in `draws` itself, `inPlace`, when they are a scratch copy:
 * `draws` is then reordered). Draws are finite (sampleModel rejects a non-finite figure),
 * so selection's comparisons order them as the sort does.
 *
 * Each rank found stays in its place with smaller values before it and larger after, so the next
 * rank is selected only between the nearest ranks already found; the rank next to one found is
 * the least (or greatest) value up to the next, one pass. A sparkline's eight ranks (four
 * quantiles, two neighbours each) cost about six passes over the draws: a third of eight whole
 * selections, and half of V8's sort of a Float64Array, which boxes every value.
 */
export function rankedDraws(draws: Float64Array, sorted?: Float64Array, inPlace = false): Ranked {
  let work: Float64Array | undefined = inPlace ? draws : undefined
  const found: number[] = []
  const rank = (k: number): number => {
    if (sorted) return sorted[k] as number
    work ??= draws.slice()
    let left = 0
    let right = work.length - 1
    for (const f of found) {
      if (f === k) return work[k] as number
      if (f < k && f >= left) left = f + 1
      if (f > k && f <= right) right = f - 1
    }
    if (left === k || right === k) placeExtreme(work, k, left, right)
    else select(work, k, left, right)
    found.push(k)
    return work[k] as number
  }
  return { draws, rank, at: (p) => interpolate(rank, draws.length, p) }
}

/** Puts the least of `a[k..right]` (k === left) or the greatest of `a[left..k]` at index k. */
function placeExtreme(a: Float64Array, k: number, left: number, right: number): void {
  let best = k
  if (k === left) {
    for (let i = k + 1; i <= right; i++) if ((a[i] as number) < (a[best] as number)) best = i
  } else {
    for (let i = left; i < k; i++) if ((a[i] as number) > (a[best] as number)) best = i
  }
  const t = a[k] as number
  a[k] = a[best] as number
  a[best] = t
}

/** One bar of a tornado chart: the output with one input at its 5% and at its 95% value. */
export interface TornadoBar {
  readonly input: string
  readonly lowInput: number
  readonly highInput: number
  readonly low: number
  readonly high: number
}

/**
 * How much each uncertain input moves `output` on its own: the input swung from its 5% to its
 * 95% value with every other input at its point value, widest swing first. `output` is a figure
 * id, or a function of the input values (for an output that is an expression over figures).
 */
export function tornado(
  model: CompiledModel,
  base: ReadonlyMap<string, number>,
  output: string | ((values: ReadonlyMap<string, number>) => number),
): TornadoBar[] {
  const evaluateAt =
    typeof output === 'string'
      ? (values: ReadonlyMap<string, number>) => evaluate(model, values).value(output)
      : output
  const bars = model.inputs
    .filter((input) => input.uncertainty && !base.has(input.id))
    .map((input) => {
      const dist = input.uncertainty as NonNullable<InputDef['uncertainty']>
      const lowInput = quantileOf(dist, 0.05)
      const highInput = quantileOf(dist, 0.95)
      const swing = (value: number) => evaluateAt(new Map([...base, [input.id, value]]))
      return { input: input.id, lowInput, highInput, low: swing(lowInput), high: swing(highInput) }
    })
  return bars.sort((a, b) => Math.abs(b.high - b.low) - Math.abs(a.high - a.low))
}
