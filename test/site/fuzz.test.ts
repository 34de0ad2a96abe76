/**
 * The whole build in-process on mutations of the real article (fast-check, seeded): line swaps,
 * deletions, random bytes, directive fragments, unbalanced brackets and fences. Every run must
 * end in a built site or located user errors — never a crash, never a run over 10 s, never a
 * page showing `NaN`, `undefined`, `Infinity` or `[object Object]`. A failure prints its seed
 * and path; replay with FUZZ_SEED=<seed> (FUZZ_RUNS sets the number of runs, 500 by default).
 * To keep the run short, each case builds a window of the article (its front matter and a run
 * of its lines) with charts and pages cached across runs.
 */

import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import fc from 'fast-check'
import { build } from '../../src/build.ts'
import { memoryChartCacheStore } from '../../src/charts/cache.ts'
import { toDiagnostics } from '../../src/diagnostics/report.ts'
import { articleCostModel } from '../../src/model/index.ts'
import { memoryMemo } from '../../src/site/effects.ts'
import { memoryEffects, root } from '../helpers.ts'

const seed = Number(process.env.FUZZ_SEED ?? 20251113)
const numRuns = Number(process.env.FUZZ_RUNS ?? 500)
const article = readFileSync(join(root, 'content', 'economics-of-alignment.md'), 'utf8')
const lines = article.split('\n')
const frontmatterEnd = lines.indexOf('---', 1) + 1
const body = lines.slice(frontmatterEnd)

/** Text that pulls the parser into its corners. */
const fragments = [
  ':val[',
  ':val[sft.cost',
  ':val[]',
  ':val[sft.cost]{fmt=',
  ':val[sft.cost / 0]',
  ':val[sft.cost]{fmt="$.3s"}',
  ':val[1e308 * sft.cost]{fmt=usd}',
  ':val[1e300 * sft.cost]{fmt=usd}',
  ':val[sft.cost * 1e-300]',
  ':check[',
  ':check[ratio.conservative > 10]{claim=',
  '::chart[',
  '::chart[x]{src="charts/cost-by-stage.vl.json"}',
  '::chart[x]{src="../../package.json"}',
  '::derivation{figures="',
  '::listing{fn="constructor"}',
  ':::scenario{name="spot"}',
  ':::scenario{name="__proto__"}',
  ':::',
  '::references',
  '::robustness',
  '::inputs',
  '[@',
  '[@touvron2023',
  '@',
  '](',
  '[x](javascript:alert(1))',
  '<script>',
  '```',
  '~~~',
  '---',
  '|',
  '| a | b |\n|---|---|\n| 1 |',
  '\\',
  '{',
  '}',
  '[',
  ']',
  '(',
  ')',
  '{{ range.constructor("return process")() }}',
  '\r\n',
  '\uFEFF',
  '\u0000',
  '$279.74',
  '#',
  '> ',
  '* ',
  '1. ',
]

type Mutation =
  | { kind: 'swap'; a: number; b: number }
  | { kind: 'delete'; at: number; count: number }
  | { kind: 'bytes'; at: number; bytes: Uint8Array }
  | { kind: 'fragment'; at: number; text: string }

/** Mostly in the body: a mutation of the front matter ends most builds at once. */
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('swap' as const), a: fc.nat(), b: fc.nat() }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('delete' as const),
      at: fc.nat(),
      count: fc.integer({ min: 1, max: 5 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('bytes' as const),
      at: fc.nat(),
      bytes: fc.uint8Array({ minLength: 1, maxLength: 6 }),
    }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('fragment' as const),
      at: fc.nat(),
      text: fc.oneof(fc.constantFrom(...fragments), fc.string({ maxLength: 8 })),
    }),
  },
)

/**
 * The article window as bytes after the mutations; `head` is how many of them may touch the
 * front matter (the rest act on the body only).
 */
function mutate(
  start: number,
  length: number,
  mutations: readonly Mutation[],
  head: number,
): Uint8Array {
  const front = lines.slice(0, frontmatterEnd)
  const window = body.slice(start % body.length, (start % body.length) + length)
  const text = [...window]
  for (const m of mutations) {
    if (text.length === 0) break
    if (m.kind === 'swap') {
      const a = m.a % text.length
      const b = m.b % text.length
      ;[text[a], text[b]] = [text[b] ?? '', text[a] ?? '']
    } else if (m.kind === 'delete') text.splice(m.at % text.length, m.count)
  }
  const frontBytes = Buffer.from(`${front.join('\n')}\n`)
  let bytes = Buffer.concat([frontBytes, Buffer.from(text.join('\n'))])
  for (const [i, m] of mutations.entries()) {
    if (m.kind !== 'bytes' && m.kind !== 'fragment') continue
    const from = i < head ? 0 : frontBytes.length
    const at = from + (m.at % (bytes.length - from + 1))
    const insert = m.kind === 'bytes' ? Buffer.from(m.bytes) : Buffer.from(m.text)
    bytes = Buffer.concat([bytes.subarray(0, at), insert, bytes.subarray(at)])
  }
  return bytes
}

const siteYaml = readFileSync(join(root, 'content', 'site.yaml'))
const bib = readFileSync(join(root, 'content', 'references.bib'))
const charts = Object.fromEntries(
  [
    'cost-by-size',
    'cost-by-stage',
    'cost-vs-pairs',
    'human-vs-synthetic',
    'ratio-by-scenario',
    'ratio-heatmap',
  ].map((name) => [
    `content/charts/${name}.vl.json`,
    readFileSync(join(root, 'content', 'charts', `${name}.vl.json`)),
  ]),
)
const chartStore = memoryChartCacheStore()
const memo = memoryMemo()
/** The project's own files (model sources, assets) read once for all runs. */
const fileCache = new Map<string, string>()
const articlePath = 'content/economics-of-alignment.md'
function cachedRead(read: (path: string) => Promise<string>) {
  return async (path: string): Promise<string> => {
    if (path === articlePath) return read(path)
    const hit = fileCache.get(path)
    if (hit !== undefined) return hit
    const text = await read(path)
    fileCache.set(path, text)
    return text
  }
}

/** Outcomes by kind (`built` or the first error's rule), printed after the run. */
const outcomes = new Map<string, number>()
const count = (kind: string) => outcomes.set(kind, (outcomes.get(kind) ?? 0) + 1)
const located = /^(?:content|templates)\/[^:]*(?::\d+:\d+)?$|^--[a-z]+$/
const shown = /NaN|undefined|Infinity|\[object Object\]|\de\+\d/

test(`fuzzing the whole build: ${numRuns} runs, seed ${seed}`, { timeout: 600_000 }, async () => {
  process.stdout.write(`# fuzz seed ${seed}, ${numRuns} runs (replay: FUZZ_SEED=${seed})\n`)
  await fc.assert(
    fc.asyncProperty(
      fc.nat(),
      fc.integer({ min: 5, max: 30 }),
      fc.array(mutation, { minLength: 1, maxLength: 6 }),
      fc.nat({ max: 9 }),
      async (start, length, mutations, frontmatterOdds) => {
        const base = memoryEffects({
          // One case in ten may mutate the front matter too.
          'content/economics-of-alignment.md': mutate(
            start,
            length,
            mutations,
            frontmatterOdds === 0 ? 1 : 0,
          ),
          'content/site.yaml': siteYaml,
          'content/references.bib': bib,
          ...charts,
        })
        const effects = { ...base, readText: cachedRead(base.readText), chartStore, memo }
        const started = performance.now()
        try {
          // Few draws: the fuzzer exercises parsing and rendering, not the Monte Carlo.
          const result = await build(articleCostModel, { root, samples: 200 }, effects)
          count('built')
          for (const [path, content] of result.files) {
            if (path.endsWith('.html')) assert.doesNotMatch(content, shown, path)
          }
        } catch (error) {
          const diagnostics = toDiagnostics(error)
          if (!diagnostics) throw error
          count(diagnostics[0]?.ruleId ?? diagnostics[0]?.place ?? 'error')
          for (const d of diagnostics) assert.match(d.place, located, `${d.place}: ${d.reason}`)
        }
        assert.ok(performance.now() - started < 10_000, 'a build took over 10 s')
      },
    ),
    { seed, numRuns, endOnFailure: true },
  )
  const summary = [...outcomes].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`)
  process.stdout.write(`# fuzz outcomes: ${summary.join(', ')}\n`)
})
