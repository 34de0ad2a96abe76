/**
 * The evaluator. `compileModel` sorts the figures by dependency once (rejecting cycles and
 * unknown references); `evaluate` then fills a Float64Array in that order, so a full evaluation
 * is a tight loop of a few hundred numbers, fast enough for heatmaps and sensitivity sweeps.
 */

import { keptWith } from '../memo.ts'
import { ModelError } from './errors.ts'
import type { DerivedDef, Figure, InputDef, Provenance } from './types.ts'
import { units } from './units.ts'

/** A model ready to evaluate: figures in dependency order with resolved indices. */
export interface CompiledModel {
  readonly inputs: readonly InputDef[]
  readonly derived: readonly DerivedDef[]
  /** Every id: inputs first, then derived figures in evaluation order. */
  readonly ids: readonly string[]
  readonly index: ReadonlyMap<string, number>
  /** For each derived figure (in `derived` order), the indices of its dependencies. */
  readonly depIndices: readonly Int32Array[]
}

/** The values of every figure under one set of input values. */
export interface Evaluation {
  readonly model: CompiledModel
  readonly values: Float64Array
  /** Input ids whose value differs from the model's default. */
  readonly overridden: ReadonlySet<string>
  /** The value of a figure; throws ModelError for an unknown id. */
  value(id: string): number
  /** A figure with its unit, label and provenance. */
  figure(id: string): Figure
  has(id: string): boolean
}

/** Sorts derived figures topologically; throws on duplicates, unknown ids and cycles. */
export function compileModel(
  inputs: readonly InputDef[],
  derived: readonly DerivedDef[],
): CompiledModel {
  const byId = new Map<string, DerivedDef>()
  const known = new Set<string>()
  for (const def of [...inputs, ...derived]) {
    if (known.has(def.id))
      throw new ModelError('model-duplicate-id', `Duplicate figure id \`${def.id}\``, {
        figure: def.id,
      })
    known.add(def.id)
  }
  for (const def of derived) {
    byId.set(def.id, def)
    // A variadic compute (sum, product) has length 0 and takes any number of values.
    if (def.compute.length !== 0 && def.compute.length !== def.deps.length)
      throw new ModelError(
        'model-formula-arity',
        `Unexpected compute of \`${def.id}\` taking ${def.compute.length} values, expected ${def.deps.length}: one per figure its formula names`,
        { figure: def.id, hint: `the formula reads ${def.deps.join(', ')}` },
      )
  }
  const ordered = sortByDependency(derived, byId, known)
  const ids = [...inputs.map((d) => d.id), ...ordered.map((d) => d.id)]
  const index = new Map(ids.map((id, i) => [id, i]))
  const depIndices = ordered.map((def) => Int32Array.from(def.deps, (dep) => index.get(dep) ?? -1))
  return { inputs, derived: ordered, ids, index, depIndices }
}

function sortByDependency(
  derived: readonly DerivedDef[],
  byId: ReadonlyMap<string, DerivedDef>,
  known: ReadonlySet<string>,
): DerivedDef[] {
  const state = new Map<string, 'visiting' | 'done'>()
  const ordered: DerivedDef[] = []
  const visit = (def: DerivedDef, path: readonly string[]): void => {
    const seen = state.get(def.id)
    if (seen === 'done') return
    if (seen === 'visiting') {
      const cycle = [...path.slice(path.indexOf(def.id)), def.id].join(' → ')
      throw new ModelError('model-cycle', `Unexpected dependency cycle ${cycle}`, {
        figure: def.id,
        hint: 'a figure cannot depend on itself, directly or through others',
      })
    }
    state.set(def.id, 'visiting')
    for (const dep of def.deps) {
      if (!known.has(dep)) {
        throw new ModelError(
          'model-unknown-dependency',
          `Unknown figure \`${dep}\` in the formula of \`${def.id}\``,
          { figure: def.id },
        )
      }
      const next = byId.get(dep)
      if (next) visit(next, [...path, def.id])
    }
    state.set(def.id, 'done')
    ordered.push(def)
  }
  for (const def of derived) visit(def, [])
  return ordered
}

/**
 * Evaluates every figure. `inputValues` maps input ids to values that replace the defaults;
 * they must already be validated (see overrides.ts). Throws ModelError on a non-finite result.
 */
export function evaluate(
  model: CompiledModel,
  inputValues: ReadonlyMap<string, number> = new Map(),
): Evaluation {
  const values = slabView(model.ids.length)
  values.set(planOf(model).defaults)
  let overridden = new Set<string>()
  for (const [id, value] of inputValues) {
    const i = model.index.get(id)
    const def = i === undefined ? undefined : model.inputs[i]
    // Ids that are not inputs are ignored, as before.
    if (def === undefined || def.id !== id) continue
    if (value !== def.value) overridden.add(id)
    values[i as number] = value
  }
  // In model order, as readers of `overridden` list them.
  if (overridden.size > 1)
    overridden = new Set(model.inputs.filter((d) => overridden.has(d.id)).map((d) => d.id))
  const failed = evaluateRow(model, values, 0)
  if (failed >= 0) throw nonFinite(model, values, 0, failed)
  return new ModelEvaluation(model, values, overridden)
}

/**
 * A new Float64Array of `length` zeros, as a view on a shared block of memory. A typed array of
 * its own over 64 bytes gets memory outside V8's heap: ~2.5 µs on these machines, several times
 * the whole evaluation (`new Float64Array(150)`: ~300,000 a second; a view: ~6,000,000). A
 * block is freed once no view of it is left; one long-lived evaluation keeps 64 KB.
 */
function slabView(length: number): Float64Array {
  const bytes = length * Float64Array.BYTES_PER_ELEMENT
  if (bytes > SLAB_BYTES) return new Float64Array(length)
  if (slabUsed + bytes > SLAB_BYTES) {
    slab = new ArrayBuffer(SLAB_BYTES)
    slabUsed = 0
  }
  const view = new Float64Array(slab, slabUsed, length)
  slabUsed += bytes
  return view
}
const SLAB_BYTES = 1 << 16
let slab = new ArrayBuffer(SLAB_BYTES)
let slabUsed = 0

/** A compiled model flattened for the hot loop: one function and up to four indices per figure. */
interface Plan {
  readonly fns: readonly ((...values: number[]) => number)[]
  readonly arity: Int32Array
  readonly i0: Int32Array
  readonly i1: Int32Array
  readonly i2: Int32Array
  readonly i3: Int32Array
  /** Reused argument list for a figure reading more than four values (none in the article). */
  readonly scratch: number[]
  /** Every input's point value, in model order. */
  readonly defaults: Float64Array
  /** Every derived figure's index, in order. */
  readonly all: Int32Array
}

const planOf = keptWith((model: CompiledModel): Plan => {
  const column = (k: number) =>
    Int32Array.from(model.depIndices, (deps) => (deps.length > k ? (deps[k] as number) : 0))
  const plan = {
    fns: model.derived.map((def) => def.compute),
    arity: Int32Array.from(model.depIndices, (deps) => deps.length),
    i0: column(0),
    i1: column(1),
    i2: column(2),
    i3: column(3),
    scratch: [],
    defaults: Float64Array.from(model.inputs, (input) => input.value),
    all: Int32Array.from(model.derived, (_, d) => d),
  }
  if (plan.arity.length !== model.derived.length)
    throw new Error('depIndices and derived differ in length')
  return plan
})

/**
 * Fills the derived figures of the draw that starts at `base` in `row` (its inputs already set),
 * in dependency order: a straight loop over typed arrays, each figure's `compute` called with its
 * dependencies' values as arguments chosen by arity (no Map, no array per figure). With `only`
 * (derived indices in dependency order, see dependentsOf), only those are computed: the others
 * must hold their values already. Returns the index of the first derived figure whose value is
 * not finite, or -1.
 */
export function evaluateRow(
  model: CompiledModel,
  row: Float64Array,
  base: number,
  only?: Int32Array,
): number {
  const { fns, arity, i0, i1, i2, i3, scratch, all } = planOf(model)
  const order = only ?? all
  const first = base + model.inputs.length
  let failed = -1
  for (let j = 0; j < order.length; j++) {
    const d = order[j] as number
    const out = first + d
    const f = fns[d] as (...values: number[]) => number
    let result: number
    switch (arity[d]) {
      case 1:
        result = f(row[base + (i0[d] as number)] as number)
        break
      case 2:
        result = f(row[base + (i0[d] as number)] as number, row[base + (i1[d] as number)] as number)
        break
      case 3:
        result = f(
          row[base + (i0[d] as number)] as number,
          row[base + (i1[d] as number)] as number,
          row[base + (i2[d] as number)] as number,
        )
        break
      case 4:
        result = f(
          row[base + (i0[d] as number)] as number,
          row[base + (i1[d] as number)] as number,
          row[base + (i2[d] as number)] as number,
          row[base + (i3[d] as number)] as number,
        )
        break
      case 0:
        result = f()
        break
      default: {
        const deps = model.depIndices[d] as Int32Array
        scratch.length = deps.length
        for (let k = 0; k < deps.length; k++) scratch[k] = row[base + (deps[k] as number)] as number
        result = f.apply(undefined, scratch)
      }
    }
    // x - x is 0 for a finite x and NaN for ±Infinity and NaN.
    if (result - result !== 0 && failed < 0) failed = d
    row[out] = result
  }
  return failed
}

/** Fills the derived figures of the row at `base`, as evaluateRow does for one `only`. */
export type RowEvaluator = (row: Float64Array, base: number) => number

const evaluatorsOf = keptWith((_model: CompiledModel) => new Map<string, RowEvaluator>())

/**
 * evaluateRow for many rows of one model and one `only`: a function generated once, one line
 * per figure, each calling that figure's own compute. Every call site then sees one function,
 * which V8 inlines; the shared loop's single call site sees them all and cannot (`npm run bench`:
 * evaluateBatch went from 1.3 M to 4.5 M evaluations a second). Where code cannot be generated
 * (a page whose Content-Security-Policy forbids it), it is evaluateRow itself.
 */
export function rowEvaluator(model: CompiledModel, only?: Int32Array): RowEvaluator {
  const cache = evaluatorsOf(model)
  const key = only ? only.join(',') : '*'
  let evaluator = cache.get(key)
  if (!evaluator) {
    evaluator =
      straightLine(model, only ?? planOf(model).all) ??
      ((row, base) => evaluateRow(model, row, base, only))
    cache.set(key, evaluator)
  }
  return evaluator
}

function straightLine(model: CompiledModel, order: Int32Array): RowEvaluator | undefined {
  const first = model.inputs.length
  const bind: string[] = []
  const lines: string[] = []
  for (const d of order) {
    const args = Array.from(model.depIndices[d] as Int32Array, (k) => `r[b + ${k}]`)
    bind.push(`const f${d} = fns[${d}]`)
    // x - x is 0 for a finite x and NaN for ±Infinity and NaN.
    lines.push(
      `v = f${d}(${args.join(', ')}); if (v - v !== 0 && x < 0) x = ${d}; r[b + ${first + d}] = v`,
    )
  }
  const source = `${bind.join('\n')}
return function evaluateDraw(r, b) {
let x = -1, v = 0
${lines.join('\n')}
return x
}`
  try {
    return new Function('fns', source)(planOf(model).fns) as RowEvaluator
  } catch {
    return undefined
  }
}

/**
 * The derived figures that depend, directly or through others, on any of the inputs in `inputs`
 * (indices in model order): for evaluateRow's `only`, when the other inputs keep their values.
 */
export function dependentsOf(model: CompiledModel, inputs: Iterable<number>): Int32Array {
  const changed = new Uint8Array(model.ids.length)
  for (const i of inputs) changed[i] = 1
  const first = model.inputs.length
  const found: number[] = []
  model.depIndices.forEach((deps, d) => {
    if (!deps.some((k) => changed[k] === 1)) return
    changed[first + d] = 1
    found.push(d)
  })
  return Int32Array.from(found)
}

/**
 * Computes the derived figures `only` (in dependency order, see dependentsOf) over `n` draws held
 * column by column: `columns[k]` holds figure k's draws, or is undefined when k holds its point
 * value `points[k]` in every draw. Each computed figure gets a new column, one loop over the
 * draws, with the same values evaluateRow would give it draw by draw. Column by column, a build's
 * dozen samples share four small loops that V8 optimises once, where a generated function per
 * `only` (rowEvaluator) is compiled again for each sample, and a cold build paid ~30 ms a sample
 * in unoptimised code. Returns whether every computed value is finite; the caller finds the first
 * failing draw with evaluateRow, for its error.
 */
export function evaluateColumns(
  model: CompiledModel,
  n: number,
  columns: (Float64Array | undefined)[],
  points: Float64Array,
  only: Int32Array,
): boolean {
  const { fns } = planOf(model)
  const first = model.inputs.length
  // Figure k's draw i is read at array(k)[offset(k) + i * step(k)]: its column, or its point.
  const array = (k: number) => columns[k] ?? points
  const offset = (k: number) => (columns[k] ? 0 : k)
  const step = (k: number) => (columns[k] ? 1 : 0)
  let finite = true
  for (let j = 0; j < only.length; j++) {
    const d = only[j] as number
    const deps = model.depIndices[d] as Int32Array
    const f = fns[d] as (...values: number[]) => number
    const out = new Float64Array(n)
    const [a = 0, b = 0, c = 0] = deps
    switch (deps.length) {
      case 1:
        finite = column1(f, out, array(a), offset(a), step(a)) && finite
        break
      case 2:
        finite =
          column2(f, out, array(a), offset(a), step(a), array(b), offset(b), step(b)) && finite
        break
      case 3:
        finite =
          column3(
            f,
            out,
            array(a),
            offset(a),
            step(a),
            array(b),
            offset(b),
            step(b),
            array(c),
            offset(c),
            step(c),
          ) && finite
        break
      default: {
        const read = Array.from(deps, (k) => [array(k), offset(k), step(k)] as const)
        finite = columnAny(f, out, read) && finite
      }
    }
    columns[first + d] = out
  }
  return finite
}

// One loop per arity, each with one call site for every formula of that arity. `x - x` is 0 for
// a finite x and NaN for ±Infinity and NaN, so `bad` stays 0 while every value is finite.
function column1(
  f: (a: number) => number,
  out: Float64Array,
  a: Float64Array,
  oa: number,
  sa: number,
): boolean {
  let bad = 0
  for (let i = 0; i < out.length; i++) {
    const r = f(a[oa + i * sa] as number)
    bad += r - r
    out[i] = r
  }
  return bad === 0
}

function column2(
  f: (a: number, b: number) => number,
  out: Float64Array,
  a: Float64Array,
  oa: number,
  sa: number,
  b: Float64Array,
  ob: number,
  sb: number,
): boolean {
  let bad = 0
  for (let i = 0; i < out.length; i++) {
    const r = f(a[oa + i * sa] as number, b[ob + i * sb] as number)
    bad += r - r
    out[i] = r
  }
  return bad === 0
}

function column3(
  f: (a: number, b: number, c: number) => number,
  out: Float64Array,
  a: Float64Array,
  oa: number,
  sa: number,
  b: Float64Array,
  ob: number,
  sb: number,
  c: Float64Array,
  oc: number,
  sc: number,
): boolean {
  let bad = 0
  for (let i = 0; i < out.length; i++) {
    const r = f(a[oa + i * sa] as number, b[ob + i * sb] as number, c[oc + i * sc] as number)
    bad += r - r
    out[i] = r
  }
  return bad === 0
}

function columnAny(
  f: (...values: number[]) => number,
  out: Float64Array,
  read: readonly (readonly [Float64Array, number, number])[],
): boolean {
  const args: number[] = new Array(read.length).fill(0)
  let bad = 0
  for (let i = 0; i < out.length; i++) {
    for (let k = 0; k < read.length; k++) {
      const [array, offset, step] = read[k] as readonly [Float64Array, number, number]
      args[k] = array[offset + i * step] as number
    }
    const r = f.apply(undefined, args)
    bad += r - r
    out[i] = r
  }
  return bad === 0
}

/**
 * Evaluates `count` input vectors at once: `inputs` holds them one after another (each
 * `model.inputs.length` long, in model order); the result holds every figure of each, one row
 * after another (`model.ids.length` long). For chart sweeps and Monte Carlo draws. Throws
 * ModelError for the first non-finite figure.
 */
export function evaluateBatch(
  model: CompiledModel,
  inputs: Float64Array,
  count: number,
): Float64Array {
  const width = model.ids.length
  const n = model.inputs.length
  const rows = new Float64Array(count * width)
  const evaluateDraw = rowEvaluator(model)
  for (let i = 0; i < count; i++) {
    rows.set(inputs.subarray(i * n, (i + 1) * n), i * width)
    const failed = evaluateDraw(rows, i * width)
    if (failed >= 0) throw nonFinite(model, rows, i * width, failed)
  }
  return rows
}

/**
 * `count` copies of one input vector for `evaluateBatch`: every input at its point value except
 * those `values` sets (a scenario's overrides and settings, as passed to `evaluate`). A sweep or
 * a sampler then writes its own column: draw `i`'s input `id` is at `i × model.inputs.length +
 * inputIndex(model, id)`.
 */
export function inputVectors(
  model: CompiledModel,
  values: ReadonlyMap<string, number> = new Map(),
  count = 1,
): Float64Array {
  const n = model.inputs.length
  const one = new Float64Array(planOf(model).defaults)
  for (const [id, value] of values) one[inputIndex(model, id)] = value
  const vectors = new Float64Array(count * n)
  for (let i = 0; i < count; i++) vectors.set(one, i * n)
  return vectors
}

/** The position of input `id` in an input vector; throws ModelError if `id` is not an input. */
export function inputIndex(model: CompiledModel, id: string): number {
  const i = model.index.get(id)
  if (i === undefined || model.inputs[i]?.id !== id)
    throw new ModelError('unknown-figure', `Unknown input \`${id}\``, { figure: id })
  return i
}

/** The error for derived figure `d` of the row at `base`; `draw` names a Monte Carlo draw. */
export function nonFinite(
  model: CompiledModel,
  row: Float64Array,
  base: number,
  d: number,
  draw?: number,
): ModelError {
  const def = model.derived[d] as DerivedDef
  const deps = model.depIndices[d] as Int32Array
  const inputs = Array.from(deps, (index) => row[base + index] as number)
  const result = row[base + model.inputs.length + d] as number
  const readings = def.deps.map((dep, k) => `${dep} = ${inputs[k]}`).join(', ')
  return new ModelError(
    'non-finite-figure',
    `Unexpected non-finite value ${result} for \`${def.id}\`${draw === undefined ? '' : ` in Monte Carlo draw ${draw}`}, expected a finite number`,
    {
      figure: def.id,
      hint: `it is ${def.formula.replace(/[{}]/g, '')} with ${readings}`,
    },
  )
}

/**
 * An Evaluation as one object with its methods on the prototype: evaluate() makes one of these
 * per call, where four closures cost an allocation each (and, under tsx, a name each).
 */
class ModelEvaluation implements Evaluation {
  constructor(
    readonly model: CompiledModel,
    readonly values: Float64Array,
    readonly overridden: ReadonlySet<string>,
  ) {}

  has(id: string): boolean {
    return this.model.index.has(id)
  }

  value(id: string): number {
    return this.values[this.indexOf(id)] as number
  }

  figure(id: string): Figure {
    return describeFigure(this.model, this.values, this.overridden, this.indexOf(id))
  }

  private indexOf(id: string): number {
    const i = this.model.index.get(id)
    if (i === undefined)
      throw new ModelError('unknown-figure', `Unknown figure \`${id}\``, { figure: id })
    return i
  }
}

function describeFigure(
  model: CompiledModel,
  values: Float64Array,
  overridden: ReadonlySet<string>,
  i: number,
): Figure {
  const value = values[i] as number
  const input = model.inputs[i]
  if (input) {
    const provenance: Provenance = {
      kind: 'input',
      source: input.source,
      note: input.note,
      overridden: overridden.has(input.id),
    }
    const format = input.format ?? units[input.unit].format
    return { id: input.id, value, unit: input.unit, label: input.label, format, provenance }
  }
  const def = model.derived[i - model.inputs.length] as DerivedDef
  const provenance: Provenance = { kind: 'derived', formula: def.formula, deps: def.deps }
  const format = def.format ?? units[def.unit].format
  return { id: def.id, value, unit: def.unit, label: def.label, format, provenance }
}

/**
 * `ids` and every figure they depend on, directly or not, in model order (ids the model does not
 * know are left out). Read from the compiled model's dependency indices: every page asks it for
 * each scenario, claim and popover, and a walk through `figure()` described every figure it met.
 */
export function dependencyClosure(evaluation: Evaluation, ids: readonly string[]): string[] {
  const model = evaluation.model
  const first = model.inputs.length
  // Reused and cleared (see slabView for why not a new typed array each time).
  if (marks.length < model.ids.length) marks = new Uint8Array(model.ids.length)
  const seen = marks.fill(0, 0, model.ids.length)
  const pending: number[] = []
  for (const id of ids) {
    const i = model.index.get(id)
    if (i !== undefined) pending.push(i)
  }
  while (pending.length > 0) {
    const i = pending.pop() as number
    if (seen[i] === 1) continue
    seen[i] = 1
    if (i >= first) for (const dep of model.depIndices[i - first] as Int32Array) pending.push(dep)
  }
  return model.ids.filter((_, i) => seen[i] === 1)
}

/** dependencyClosure's marks, one per figure; nothing holds them after it returns. */
let marks = new Uint8Array(0)
