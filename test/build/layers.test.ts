/**
 * The import graph follows the data flow: diagnostics, reading inputs, memo ← model ← expr/charts/citations/format ←
 * pipeline ← render/site/snapshot ← build ← cli. No import runs back up, and only the command
 * line's entry wires the article's own model (everything else receives a model).
 */
import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { test } from 'node:test'

const src = join(process.cwd(), 'src')

/** Layers from the bottom; a module may import its own layer and those below. */
const layers: ReadonlyArray<readonly string[]> = [
  // memo.ts: a leaf helper (keptWith) the model and every layer above use.
  ['diagnostics/', 'read/', 'format/number.ts', 'memo.ts'],
  ['model/'],
  ['expr/', 'format/', 'charts/', 'citations/'],
  ['pipeline/', 'types/'],
  ['render/', 'site/', 'snapshot/', 'whatif/'],
  ['build.ts', 'build/'],
  ['cli/', 'browser/'],
]

const layerOf = (path: string): number => {
  // The most specific prefix wins (format/number.ts is a leaf, the rest of format/ is not).
  let best = { layer: -1, length: -1 }
  layers.forEach((prefixes, layer) => {
    for (const prefix of prefixes)
      if (path.startsWith(prefix) && prefix.length > best.length)
        best = { layer, length: prefix.length }
  })
  return best.layer
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(join(dir, e.name))
      : e.name.endsWith('.ts')
        ? [join(dir, e.name)]
        : [],
  )
}

const imports = sources(src).flatMap((file) => {
  const from = relative(src, file)
  return [
    ...readFileSync(file, 'utf8').matchAll(
      /^import\s+(?:type\s+)?([^;]*?)\s+from\s+'(\.[^']+)'/gms,
    ),
  ].map((m) => ({ from, names: m[1] ?? '', to: relative(src, join(dirname(file), m[2] ?? '')) }))
})

test('every module of src/ belongs to a layer', () => {
  assert.deepEqual(
    sources(src)
      .map((f) => relative(src, f))
      .filter((f) => layerOf(f) < 0),
    [],
  )
})

test('no import runs back up the layers', () => {
  const upward = imports
    .filter(({ from, to }) => layerOf(to) > layerOf(from))
    .map(({ from, to }) => `${from} → ${to}`)
  assert.deepEqual(upward, [])
})

test("only the command line's entry imports the article's own model", () => {
  const singletons =
    /\b(articleCostModel|articleModel|scenarioDefs|datasetBuilders|inputDefs|derivedDefs|stageCalls|evaluateScenario)\b/
  const outside = imports
    .filter(({ from, names }) => !from.startsWith('model/') && singletons.test(names))
    .map(({ from }) => from)
  // The browser's entry is the other end of the line: the page's own model, bundled for it.
  assert.deepEqual(outside.sort(), ['browser/whatif.ts', 'cli/main.ts'])
})
