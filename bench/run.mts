/**
 * `npm run bench`: build speed against a named reference, and model speed. Every timing is the
 * median of several runs in fresh processes (or, for in-process loops, of many iterations).
 *
 * 1. Cold build of the article (fresh process, empty .cache/) and warm build (fresh process,
 *    .cache/ filled) against Eleventy 3 building the same article as plain markdown.
 * 2. No-op rebuild and a prose edit in one process (what `npm run dev` does).
 * 3. A corpus of 1,000 pages (the article's body repeated as separate files).
 * 4. Full model evaluations per second.
 */
import { execFileSync } from 'node:child_process'
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build } from '../src/build.ts'
import {
  articleCostModel,
  articleModel,
  evaluate,
  evaluateBatch,
  inputIndex,
  inputVectors,
} from '../src/model/index.ts'
import { fsEffects, memoryMemo } from '../src/site/effects.ts'

const root = process.cwd()
const runs = Number(process.env.BENCH_RUNS ?? 7)

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}

function time(command: string, args: string[], cwd: string, before?: () => void): number {
  const samples: number[] = []
  for (let i = 0; i < runs; i++) {
    before?.()
    const start = performance.now()
    execFileSync(command, args, { cwd, stdio: 'ignore' })
    samples.push(performance.now() - start)
  }
  return median(samples)
}

/** A throwaway project: our sources and content, with node_modules linked. */
function scratchProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bench-'))
  for (const entry of [
    'bin',
    'scripts',
    'lib',
    'src',
    'content',
    'templates',
    'package.json',
    'package-lock.json',
  ])
    cpSync(join(root, entry), join(dir, entry), { recursive: true })
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'))
  return dir
}

/** The article as plain markdown for Eleventy: directives replaced by their built text. */
function eleventyProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bench-11ty-'))
  const source = readFileSync(join(root, 'content', 'economics-of-alignment.md'), 'utf8')
  const plain = source
    .replace(/:{1,3}[a-z]+\[[^\]]*\](\{[^}]*\})?/g, '42')
    .replace(/::[a-z]+\{[^}]*\}/g, '')
  mkdirSync(join(dir, 'src'))
  writeFileSync(
    join(dir, 'src', 'index.md'),
    plain.replace(/^---[\s\S]*?---/, '---\ntitle: Article\n---'),
  )
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'))
  return dir
}

const row = (name: string, ms: number, note = '') =>
  console.log(`${name.padEnd(46)} ${ms.toFixed(0).padStart(7)} ms  ${note}`)

async function main(): Promise<void> {
  console.log(`median of ${runs} runs each (BENCH_RUNS to change); node ${process.version}\n`)
  // 1. Fresh processes.
  const project = scratchProject()
  const cold = time(process.execPath, ['bin/article.mjs', 'build'], project, () =>
    rmSync(join(project, '.cache'), { recursive: true, force: true }),
  )
  const warm = time(process.execPath, ['bin/article.mjs', 'build'], project)
  const eleventyDir = eleventyProject()
  const eleventyBin = join(root, 'node_modules', '@11ty', 'eleventy', 'cmd.cjs')
  const eleventy = time(
    process.execPath,
    [eleventyBin, '--input=src', '--output=_site', '--quiet'],
    eleventyDir,
  )
  row('reference: Eleventy 3, same article, plain md', eleventy)
  row('build, cold (empty .cache/)', cold, `${(cold / eleventy).toFixed(2)}× Eleventy`)
  row(
    'build, warm (.cache/ filled)',
    warm,
    `${(warm / eleventy).toFixed(2)}× Eleventy (target ≤ 0.80×)`,
  )

  // 2. In one process, as the dev server rebuilds.
  const effects = fsEffects(project, memoryMemo())
  await build(articleCostModel, { root: project }, effects)
  const noop: number[] = []
  const edit: number[] = []
  const article = join(project, 'content', 'economics-of-alignment.md')
  const text = readFileSync(article, 'utf8')
  for (let i = 0; i < Math.max(runs, 15); i++) {
    let start = performance.now()
    await build(articleCostModel, { root: project }, effects)
    noop.push(performance.now() - start)
    // A new text every time, so the page cache cannot answer: this is the real edit loop.
    writeFileSync(article, text.replace('nebulous', `nebulous${' indeed'.repeat(i + 1)}`))
    start = performance.now()
    await build(articleCostModel, { root: project }, effects)
    edit.push(performance.now() - start)
  }
  writeFileSync(article, text)
  row('rebuild in process, nothing changed', median(noop), '(page cache hit, as in npm run dev)')
  row('rebuild in process after a prose edit', median(edit), '(the dev loop; target < 100 ms)')

  // 3. A corpus of pages (1,000 unless BENCH_CORPUS says otherwise).
  const pages = Number(process.env.BENCH_CORPUS ?? 1000)
  const body = text.replace(/^---[\s\S]*?---\n/, '')
  const corpus = scratchProject()
  rmSync(join(corpus, 'content', 'economics-of-alignment.md'))
  for (let i = 0; i < pages; i++)
    writeFileSync(
      join(corpus, 'content', `page-${i}.md`),
      `---\ntitle: "Page ${i}"\ndate: 2025-11-13\n---\n\n${body}`,
    )
  const startCorpus = performance.now()
  try {
    execFileSync(process.execPath, ['bin/article.mjs', 'build'], { cwd: corpus, stdio: 'pipe' })
  } catch (error) {
    process.stderr.write(String((error as { stderr?: Buffer }).stderr ?? error))
    throw error
  }
  row(
    `${pages}-page corpus, one build`,
    performance.now() - startCorpus,
    `${((performance.now() - startCorpus) / pages).toFixed(0)} ms a page`,
  )

  // 4. Model evaluations.
  const overrides = new Map([['price.gpuHour', 2.5]])
  let n = 0
  const startModel = performance.now()
  while (performance.now() - startModel < 1000) {
    overrides.set('price.gpuHour', 1 + (n % 7))
    evaluate(articleModel, overrides)
    n++
  }
  const perSecond = n / ((performance.now() - startModel) / 1000)
  console.log(
    `${'full model evaluations per second'.padEnd(46)} ${perSecond.toFixed(0).padStart(7)}     (${(1e6 / perSecond).toFixed(1)} µs each, ${articleModel.ids.length} figures)`,
  )
  // The same, batched: 1,000 input vectors a call, as chart sweeps and the Monte Carlo run it.
  const batchSize = 1000
  const vectors = inputVectors(articleModel, new Map(), batchSize)
  const price = inputIndex(articleModel, 'price.gpuHour')
  for (let i = 0; i < batchSize; i++) vectors[i * articleModel.inputs.length + price] = 1 + (i % 7)
  let batched = 0
  const startBatch = performance.now()
  while (performance.now() - startBatch < 1000) {
    evaluateBatch(articleModel, vectors, batchSize)
    batched += batchSize
  }
  const batchPerSecond = batched / ((performance.now() - startBatch) / 1000)
  console.log(
    `${'full model evaluations per second, batched'.padEnd(46)} ${batchPerSecond.toFixed(0).padStart(7)}     (${(1e6 / batchPerSecond).toFixed(2)} µs each, goal ≥ 200,000)`,
  )
  for (const dir of [project, eleventyDir, corpus]) rmSync(dir, { recursive: true, force: true })
}

await main()
