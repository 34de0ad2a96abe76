/**
 * The evaluator. `compileModel` sorts the figures by dependency once (rejecting cycles and
 * unknown references); `evaluate` then fills a Float64Array in that order, so a full evaluation
 * is a tight loop of a few hundred numbers, fast enough for heatmaps and sensitivity sweeps.
 */
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
  for (const def of derived) byId.set(def.id, def)
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
  const values = new Float64Array(model.ids.length)
  const overridden = new Set<string>()
  model.inputs.forEach((def, i) => {
    const value = inputValues.get(def.id)
    if (value !== undefined && value !== def.value) overridden.add(def.id)
    values[i] = value ?? def.value
  })
  const offset = model.inputs.length
  const scratch: number[] = []
  for (let d = 0; d < model.derived.length; d++) {
    const def = model.derived[d] as DerivedDef
    const deps = model.depIndices[d] as Int32Array
    scratch.length = deps.length
    for (let k = 0; k < deps.length; k++) scratch[k] = values[deps[k] as number] as number
    const result = def.compute(scratch)
    if (!Number.isFinite(result)) throw nonFinite(def, scratch, result)
    values[offset + d] = result
  }
  return makeEvaluation(model, values, overridden)
}

function nonFinite(def: DerivedDef, inputs: readonly number[], result: number): ModelError {
  const readings = def.deps.map((dep, k) => `${dep} = ${inputs[k]}`).join(', ')
  return new ModelError(
    'non-finite-figure',
    `Unexpected non-finite value ${result} for \`${def.id}\`, expected a finite number`,
    {
      figure: def.id,
      hint: `it is ${def.formula.replace(/[{}]/g, '')} with ${readings}`,
    },
  )
}

function makeEvaluation(
  model: CompiledModel,
  values: Float64Array,
  overridden: ReadonlySet<string>,
): Evaluation {
  const indexOf = (id: string): number => {
    const i = model.index.get(id)
    if (i === undefined)
      throw new ModelError('unknown-figure', `Unknown figure \`${id}\``, { figure: id })
    return i
  }
  return {
    model,
    values,
    overridden,
    has: (id) => model.index.has(id),
    value: (id) => values[indexOf(id)] as number,
    figure: (id) => describeFigure(model, values, overridden, indexOf(id)),
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

/** `ids` and every figure they depend on, directly or not, in model order. */
export function dependencyClosure(evaluation: Evaluation, ids: readonly string[]): string[] {
  const seen = new Set<string>()
  const visit = (id: string): void => {
    if (seen.has(id) || !evaluation.has(id)) return
    seen.add(id)
    const p = evaluation.figure(id).provenance
    if (p.kind === 'derived') for (const dep of p.deps) visit(dep)
  }
  for (const id of ids) visit(id)
  return evaluation.model.ids.filter((id) => seen.has(id))
}
