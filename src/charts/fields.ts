/**
 * Walks a Vega-Lite spec (layers, concats, facet/repeat children) and lists which data each view
 * reads and which fields its encodings and transforms use, with JSON pointers for error positions.
 * It is deliberately partial: it checks what is easy to know statically and says "unknown" (opaque)
 * otherwise, so it never rejects a valid spec.
 */

/** Where a view's rows come from, as far as can be known without running the spec. */
export type DataRef =
  | { kind: 'named'; name: string; pointer: string }
  | { kind: 'inline'; fields: readonly string[] }
  | { kind: 'url'; url: string; pointer: string }
  /** Generators (graticule, sphere) and anything else whose fields cannot be known statically. */
  | { kind: 'opaque' }

/** One use of a field name, checked against its view's data and the fields transforms made. */
export interface FieldRef {
  field: string
  pointer: string
  data: DataRef
  /** Fields created by earlier transforms (`as`, fold's `key`/`value`, …). */
  derived: readonly string[]
  /** True after a transform whose outputs cannot be known (pivot, lookup of all fields). */
  open: boolean
}

/** Everything the validator needs from a spec. */
export interface SpecDataUsage {
  dataRefs: DataRef[]
  fieldRefs: FieldRef[]
}

type Json = Record<string, unknown>

/** Records one field use at a JSON pointer. */
type Use = (field: string, pointer: string) => void

interface Scope {
  data: DataRef | undefined
  derived: string[]
  open: boolean
}

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const escapePointer = (key: string): string => key.replaceAll('~', '~0').replaceAll('/', '~1')

/** Lists the data sources and field uses of a Vega-Lite spec, in document order. */
export function collectDataUsage(spec: Json): SpecDataUsage {
  const usage: SpecDataUsage = { dataRefs: [], fieldRefs: [] }
  const inlineDatasets = isObject(spec.datasets) ? spec.datasets : {}
  walkView(spec, '', { data: undefined, derived: [], open: false }, usage, inlineDatasets)
  return usage
}

const CHILD_LISTS = ['layer', 'concat', 'hconcat', 'vconcat'] as const

function walkView(node: Json, pointer: string, parent: Scope, usage: SpecDataUsage, inline: Json) {
  const scope: Scope = { ...parent, derived: [...parent.derived] }
  if ('data' in node && node.data !== null) {
    // A view's own data replaces its parent's, and the parent's transforms do not apply to it.
    scope.data = dataRef(node.data, `${pointer}/data`, inline)
    scope.derived = []
    scope.open = false
    usage.dataRefs.push(scope.data)
  }
  const use: Use = (field, at) => {
    if (scope.data === undefined || field === '*') return
    usage.fieldRefs.push({ field, pointer: at, data: scope.data, ...frozen(scope) })
  }
  if (Array.isArray(node.transform)) {
    node.transform.forEach((transform, i) => {
      if (isObject(transform)) walkTransform(transform, `${pointer}/transform/${i}`, scope, use)
    })
  }
  if (isObject(node.encoding)) walkEncoding(node.encoding, `${pointer}/encoding`, use)
  if (isObject(node.facet)) walkFacet(node.facet, `${pointer}/facet`, use)
  for (const key of CHILD_LISTS) {
    const children = node[key]
    if (!Array.isArray(children)) continue
    children.forEach((child, i) => {
      if (isObject(child)) walkView(child, `${pointer}/${key}/${i}`, scope, usage, inline)
    })
  }
  if (isObject(node.spec)) walkView(node.spec, `${pointer}/spec`, scope, usage, inline)
}

const frozen = (scope: Scope) => ({ derived: [...scope.derived], open: scope.open })

function dataRef(data: unknown, pointer: string, inline: Json): DataRef {
  if (!isObject(data)) return { kind: 'opaque' }
  if (typeof data.name === 'string') {
    const rows = inline[data.name]
    if (Array.isArray(rows)) return { kind: 'inline', fields: rowFields(rows) }
    return { kind: 'named', name: data.name, pointer: `${pointer}/name` }
  }
  if (Array.isArray(data.values)) return { kind: 'inline', fields: rowFields(data.values) }
  if (typeof data.url === 'string') return { kind: 'url', url: data.url, pointer: `${pointer}/url` }
  if (isObject(data.sequence)) {
    const as = data.sequence.as
    return { kind: 'inline', fields: [typeof as === 'string' ? as : 'data'] }
  }
  return { kind: 'opaque' }
}

/** The union of keys over all rows; Vega-Lite wraps primitive values as `{data: value}`. */
export function rowFields(rows: readonly unknown[]): string[] {
  const fields = new Set<string>()
  for (const row of rows) {
    if (isObject(row)) for (const key of Object.keys(row)) fields.add(key)
    else fields.add('data')
  }
  return [...fields]
}

function walkEncoding(encoding: Json, pointer: string, use: Use) {
  for (const [channel, def] of Object.entries(encoding)) {
    walkChannelDef(def, `${pointer}/${escapePointer(channel)}`, use)
  }
}

function walkChannelDef(def: unknown, pointer: string, use: Use) {
  if (Array.isArray(def)) {
    // tooltip and detail take arrays; so does `condition`.
    for (const [i, item] of def.entries()) walkChannelDef(item, `${pointer}/${i}`, use)
    return
  }
  if (!isObject(def)) return
  // `field` may also be `{repeat: 'row'}`; only plain names can be checked.
  if (typeof def.field === 'string') use(def.field, `${pointer}/field`)
  if (isObject(def.sort) && typeof def.sort.field === 'string') {
    use(def.sort.field, `${pointer}/sort/field`)
  }
  if (def.condition !== undefined) walkChannelDef(def.condition, `${pointer}/condition`, use)
}

function walkFacet(facet: Json, pointer: string, use: Use) {
  if (typeof facet.field === 'string') {
    walkChannelDef(facet, pointer, use)
    return
  }
  for (const [key, def] of Object.entries(facet)) walkChannelDef(def, `${pointer}/${key}`, use)
}

/** Transforms whose own key names an input field, e.g. `{"density": "cost"}`. */
const KIND_FIELD_KEYS = [
  'density',
  'regression',
  'loess',
  'quantile',
  'impute',
  'stack',
  'lookup',
  'extent',
  'pivot',
]
/** Keys whose value is a field name or a list of them, in any transform. */
const FIELD_LIST_KEYS = ['groupby', 'fold', 'flatten', 'on']
/** Default output names when a transform has no `as`. */
const DEFAULT_OUTPUTS: Record<string, readonly string[]> = {
  fold: ['key', 'value'],
  density: ['value', 'density'],
  quantile: ['prob', 'value'],
}

function walkTransform(transform: Json, pointer: string, scope: Scope, use: Use) {
  // 1. Inputs are checked against what exists before this transform runs.
  for (const key of KIND_FIELD_KEYS) {
    if (typeof transform[key] === 'string') use(transform[key], `${pointer}/${key}`)
  }
  for (const key of FIELD_LIST_KEYS) {
    const value = transform[key]
    if (typeof value === 'string') use(value, `${pointer}/${key}`)
    if (Array.isArray(value)) {
      for (const [i, f] of value.entries()) {
        if (typeof f === 'string') use(f, `${pointer}/${key}/${i}`)
      }
    }
  }
  // `key` and `value` mean fields only in impute and pivot (elsewhere `value` is a constant).
  if (typeof transform.impute === 'string' && typeof transform.key === 'string') {
    use(transform.key, `${pointer}/key`)
  }
  if (typeof transform.pivot === 'string' && typeof transform.value === 'string') {
    use(transform.value, `${pointer}/value`)
  }
  walkNestedFields(transform, pointer, use)
  // 2. Then its outputs become available to later transforms and encodings.
  scope.derived.push(...transformOutputs(transform))
  if ('pivot' in transform) scope.open = true
  if ('lookup' in transform && !hasLookupOutputs(transform)) scope.open = true
}

/** `field` keys inside predicates, aggregate/window op lists and sort lists. */
function walkNestedFields(node: unknown, pointer: string, use: Use) {
  if (Array.isArray(node)) {
    for (const [i, item] of node.entries()) walkNestedFields(item, `${pointer}/${i}`, use)
    return
  }
  if (!isObject(node)) return
  for (const [key, value] of Object.entries(node)) {
    // `from` belongs to lookup's secondary data, not to this view's rows.
    if (key === 'from') continue
    const at = `${pointer}/${escapePointer(key)}`
    if (key === 'field' && typeof value === 'string') use(value, at)
    else walkNestedFields(value, at, use)
  }
}

function transformOutputs(transform: Json): string[] {
  const named = collectAs(transform)
  if (named.length > 0) return named
  for (const [kind, outputs] of Object.entries(DEFAULT_OUTPUTS)) {
    if (kind in transform) return [...outputs]
  }
  const fromFields = isObject(transform.from) ? transform.from.fields : undefined
  if (Array.isArray(fromFields)) return fromFields.filter((f) => typeof f === 'string')
  // regression, loess and flatten write back to the names they read.
  return [transform.regression, transform.loess, transform.on, transform.flatten]
    .flat()
    .filter((f): f is string => typeof f === 'string')
}

/** Every `as` name (string or list) in the transform and its op lists, outside `from`. */
function collectAs(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(collectAs)
  if (!isObject(node)) return []
  return Object.entries(node).flatMap(([key, value]) => {
    if (key === 'from') return []
    if (key === 'as') return [value].flat().filter((f): f is string => typeof f === 'string')
    return collectAs(value)
  })
}

function hasLookupOutputs(transform: Json): boolean {
  const from = isObject(transform.from) ? transform.from : {}
  return transform.as !== undefined || Array.isArray(from.fields)
}
