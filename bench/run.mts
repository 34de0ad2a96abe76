/**
 * `npm run bench [-- --quick]`: every row of issue 10's table, ours next to Eleventy 3 building
 * the same pages as plain markdown, on this machine. Fresh processes throughout, ours and
 * Eleventy's alternating; each timing is the median of BENCH_RUNS runs (5, or 1 with --quick);
 * peak RSS is the child's maximum resident set size as /usr/bin/time reports it.
 *
 * 1. Cold build (no .cache/) and warm build of the article.
 * 2. The writing loop through the real dev server: `article dev` in a project copy, an SSE client
 *    on /__reload; each time is from the article's write to the reload event reaching the client.
 *    Then a model edit (a new value of an input in src/model/inputs.ts), the same way.
 * 3. Corpora of 100 and 1,000 copies of the article (5 and 50 with --quick), each run from an
 *    empty .cache/: time, peak RSS, and t_large / t_small. Then (not with --quick) 100 pages
 *    that each end in their own link definition: consecutive copies reuse the previous copy's
 *    parse, and this row shows what pages that differ cost, each parsed whole.
 * 4. Whole-model evaluations per second (bench/model.mts prints the detail).
 *
 * `--only=builds|loop|corpus|model` runs one of the four (the table then has its rows alone).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { get } from 'node:http'
import { availableParallelism, tmpdir } from 'node:os'
import { join } from 'node:path'
import { articleModel, evaluate } from '../src/model/index.ts'
import { projectCopy } from '../test/helpers.ts'

const root = process.cwd()
const quick = process.argv.includes('--quick')
const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length)
const SECTIONS = ['builds', 'loop', 'corpus', 'model']
if (only !== undefined && !SECTIONS.includes(only)) {
  console.error(`bench: error: Unexpected --only=${only}, expected one of ${SECTIONS.join(', ')}`)
  process.exit(1)
}
/** Whether the run includes `section` (see --only). */
const wanted = (section: string) => only === undefined || only === section
const runs = Number(process.env.BENCH_RUNS ?? (quick ? 1 : 5))
const edits = quick ? 5 : 20
const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}

interface Run {
  ms: number
  /** Peak resident set size in MB (NaN without /usr/bin/time). */
  rssMb: number
}

/** One fresh process, timed from spawn to exit, with its peak RSS. */
function runOnce(args: string[], cwd: string): Run {
  const report = join(tmpdir(), `bench-time-${process.pid}.txt`)
  const start = performance.now()
  try {
    if (timeBin) {
      execFileSync(timeBin, ['-f', '%M', '-o', report, process.execPath, ...args], {
        cwd,
        stdio: 'pipe',
        maxBuffer: 1 << 28,
      })
    } else execFileSync(process.execPath, args, { cwd, stdio: 'pipe', maxBuffer: 1 << 28 })
  } catch (error) {
    process.stderr.write(String((error as { stderr?: Buffer }).stderr ?? error))
    throw error
  }
  const ms = performance.now() - start
  const rssMb = timeBin ? Number(readFileSync(report, 'utf8').trim().split('\n').pop()) / 1024 : NaN
  return { ms, rssMb }
}

/** Median time and largest peak RSS of `runs` alternating runs of each command. */
function alternate(
  commands: { args: string[]; cwd: string; before?: () => void }[],
  n = runs,
): Run[] {
  const samples = commands.map(() => [] as Run[])
  for (let i = 0; i < n; i++)
    commands.forEach((c, k) => {
      c.before?.()
      samples[k]?.push(runOnce(c.args, c.cwd))
    })
  return samples.map((s) => ({
    ms: median(s.map((r) => r.ms)),
    rssMb: Math.max(...s.map((r) => r.rssMb)),
  }))
}

/** A throwaway project: our sources and content, with node_modules linked. */
const scratchProject = () => projectCopy('bench-')

const articleText = readFileSync(join(root, 'content', 'economics-of-alignment.md'), 'utf8')
const body = articleText.replace(/^---[\s\S]*?---\n/, '')

/** The article as plain markdown: directives replaced by a number or dropped. */
const plainBody = body
  .replace(/:{1,3}[a-z]+\[[^\]]*\](\{[^}]*\})?/g, '42')
  .replace(/::[a-z]+\{[^}]*\}/g, '')

/**
 * What ends page `i` of a corpus of different pages: a link definition of its own, which renders
 * nothing but makes each page's text its own, so ours parses every page whole instead of reusing
 * the previous copy's blocks (src/pipeline/incremental-parse.ts), as different articles would.
 */
const ownEnd = (i: number, different: boolean) =>
  different ? `\n\n[page-${i}]: https://example.org/${i}\n` : ''

/** An Eleventy project of `pages` copies of the plain article (1 = the article itself). */
function eleventyProject(pages: number, different = false): string {
  const dir = mkdtempSync(join(tmpdir(), 'bench-11ty-'))
  mkdirSync(join(dir, 'src'))
  for (let i = 0; i < pages; i++)
    writeFileSync(
      join(dir, 'src', pages === 1 ? 'index.md' : `page-${i}.md`),
      `---\ntitle: "Page ${i}"\n---\n\n${plainBody}${ownEnd(i, different)}`,
    )
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'))
  return dir
}

/** Our project with `pages` copies of the article's body in place of the article. */
function corpusProject(pages: number, different = false): string {
  const dir = scratchProject()
  rmSync(join(dir, 'content', 'economics-of-alignment.md'))
  for (let i = 0; i < pages; i++)
    writeFileSync(
      join(dir, 'content', `page-${i}.md`),
      `---\ntitle: "Page ${i}"\ndate: 2025-11-13\n---\n\n${body}${ownEnd(i, different)}`,
    )
  return dir
}

/**
 * The node arguments of an npm script (`"build": "node --v8-pool-size=1 bin/article.mjs build"`
 * gives everything after `node`): ours runs as `npm run` runs it, without npm's own start-up.
 */
function scriptArgs(name: string): string[] {
  const scripts = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts
  const [node, ...args] = String(scripts[name]).split(/\s+/)
  if (node !== 'node') throw new Error(`npm script ${name} does not start with node`)
  return args
}

const eleventyBin = join(root, 'node_modules', '@11ty', 'eleventy', 'cmd.cjs')
const eleventyArgs = [eleventyBin, '--input=src', '--output=_site', '--quiet']

/** Starts `article dev`, resolves once it serves, with an SSE client counting reload events. */
async function startDev(
  dir: string,
  port: number,
): Promise<{ child: ChildProcess; nextReload: () => Promise<void>; stop: () => void }> {
  const child = spawn(process.execPath, [...scriptArgs('dev'), '--port', String(port)], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  await new Promise<void>((resolve, reject) => {
    let seen = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk
      if (seen.includes('Serving')) resolve()
    })
    child.on('exit', (code) => reject(new Error(`dev exited with ${code}: ${seen}`)))
  })
  let waiting: (() => void) | undefined
  const request = get(`http://127.0.0.1:${port}/__reload`, (response) => {
    response.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('data: reload')) {
        waiting?.()
        waiting = undefined
      }
    })
  })
  await new Promise((resolve) => setTimeout(resolve, 300))
  return {
    child,
    nextReload: () =>
      new Promise<void>((resolve) => {
        waiting = resolve
      }),
    stop: () => {
      request.destroy()
      child.kill()
    },
  }
}

/** Milliseconds from `write()` to the next reload event, median over `n` writes. */
async function timeReloads(
  dev: Awaited<ReturnType<typeof startDev>>,
  n: number,
  write: (i: number) => void,
): Promise<number> {
  const samples: number[] = []
  for (let i = 0; i < n; i++) {
    const reload = dev.nextReload()
    const start = performance.now()
    write(i)
    await reload
    samples.push(performance.now() - start)
    // Let the watcher's burst settle before the next edit.
    await new Promise((resolve) => setTimeout(resolve, 150))
  }
  return median(samples)
}

interface Row {
  what: string
  ours: string
  eleventy: string
  ratio: string
  goal: string
  met: boolean | undefined
}
const rows: Row[] = []
const ms = (v: number) => `${v.toFixed(0)} ms`
const s = (v: number) => `${(v / 1000).toFixed(2)} s`

async function main(): Promise<void> {
  console.log(
    `${quick ? 'quick: ' : ''}median of ${runs} alternating run(s) each (BENCH_RUNS to change); node ${process.version}; ${availableParallelism()} cores\n`,
  )
  const scratch: string[] = []
  try {
    // 1. Cold and warm builds against Eleventy on the same article.
    const project = scratchProject()
    const eleventyOne = eleventyProject(1)
    scratch.push(project, eleventyOne)
    const build = scriptArgs('build')
    if (wanted('builds')) {
      const [cold, eleventy] = alternate([
        {
          args: build,
          cwd: project,
          before: () => rmSync(join(project, '.cache'), { recursive: true, force: true }),
        },
        { args: eleventyArgs, cwd: eleventyOne },
      ]) as [Run, Run]
      const [warm] = alternate([{ args: build, cwd: project }]) as [Run]
      rows.push({
        what: 'cold build (no .cache/)',
        ours: ms(cold.ms),
        eleventy: ms(eleventy.ms),
        ratio: `${(cold.ms / eleventy.ms).toFixed(2)}×`,
        goal: '≤ 0.80×',
        met: cold.ms / eleventy.ms <= 0.8,
      })
      rows.push({
        what: 'warm build (.cache/ filled)',
        ours: ms(warm.ms),
        eleventy: ms(eleventy.ms),
        ratio: `${(warm.ms / eleventy.ms).toFixed(2)}×`,
        goal: '',
        met: undefined,
      })
    }

    // 2. The writing loop through the real dev server.
    if (wanted('loop')) {
      const port = 20000 + (process.pid % 20000)
      const dev = await startDev(project, port)
      const article = join(project, 'content', 'economics-of-alignment.md')
      try {
        const prose = await timeReloads(dev, edits, (i) =>
          writeFileSync(
            article,
            articleText.replace('nebulous', `nebulous${' indeed'.repeat(i + 1)}`),
          ),
        )
        rows.push({
          what: `prose edit → reload event (median of ${edits})`,
          ours: ms(prose),
          eleventy: '',
          ratio: '',
          goal: '≤ 100 ms',
          met: prose <= 100,
        })
        // A new value of an input every time (the GPU-hour price, which every cost and chart
        // rests on): an edit that changed no code, such as a comment, would reuse the model.
        const inputs = join(project, 'src', 'model', 'inputs.ts')
        const inputsText = readFileSync(inputs, 'utf8')
        const priced = "id: 'price.gpuHour',\n    value: 2.5,"
        if (!inputsText.includes(priced)) throw new Error(`bench: no \`${priced}\` in ${inputs}`)
        const model = await timeReloads(dev, quick ? 1 : 3, (i) =>
          writeFileSync(inputs, inputsText.replace(priced, priced.replace('2.5,', `2.5${i + 1},`))),
        )
        rows.push({
          what: 'model edit (src/model/inputs.ts) → reload event',
          ours: ms(model),
          eleventy: '',
          ratio: '',
          goal: '≤ 1 s',
          met: model <= 1000,
        })
      } finally {
        dev.stop()
        writeFileSync(article, articleText)
      }
    }

    // 3. Corpora. Every run of ours from an empty cache, as the issue measures it (a warm cache
    // would hold every page's charts and compiled specs from the run before).
    const corpusRuns = (pages: number, n: number, different = false) => {
      const ours = corpusProject(pages, different)
      const theirs = eleventyProject(pages, different)
      scratch.push(ours, theirs)
      const emptyCache = () => rmSync(join(ours, '.cache'), { recursive: true, force: true })
      const [a, b] = alternate(
        [
          { args: build, cwd: ours, before: emptyCache },
          { args: eleventyArgs, cwd: theirs },
        ],
        n,
      ) as [Run, Run]
      const row = {
        ours: `${s(a.ms)} (${a.rssMb.toFixed(0)} MB)`,
        eleventy: `${s(b.ms)} (${b.rssMb.toFixed(0)} MB)`,
        ratio: `${(a.ms / b.ms).toFixed(1)}×`,
      }
      return { a, b, row }
    }
    if (wanted('corpus')) {
      const sizes = quick ? [5, 50] : [100, 1000]
      const corpus: Run[] = []
      for (const pages of sizes) {
        const { a, b, row } = corpusRuns(pages, pages >= 1000 ? Math.min(runs, 3) : runs)
        corpus.push(a)
        rows.push({
          what: `${pages} pages, empty cache (peak RSS)`,
          ...row,
          goal: pages === sizes[1] ? '≤ 6×, ≤ 1 GiB' : '',
          met: pages === sizes[1] ? a.ms / b.ms <= 6 && a.rssMb <= 1024 : undefined,
        })
      }
      const growth = (corpus[1] as Run).ms / (corpus[0] as Run).ms
      rows.push({
        what: `t${sizes[1]} / t${sizes[0]}`,
        ours: growth.toFixed(2),
        eleventy: '',
        ratio: '',
        goal: '≤ 10.5',
        met: growth <= 10.5,
      })
      // For reading the rows above: copies reuse the previous copy's parse, different pages not.
      if (!quick)
        rows.push({
          what: '100 different pages (each parsed whole), empty cache',
          ...corpusRuns(100, runs, true).row,
          goal: '',
          met: undefined,
        })
    }

    // 4. Model evaluations, one core.
    if (wanted('model')) {
      const overrides = new Map([['price.gpuHour', 2.5]])
      let n = 0
      const start = performance.now()
      while (performance.now() - start < (quick ? 300 : 1000)) {
        overrides.set('price.gpuHour', 1 + (n % 7))
        evaluate(articleModel, overrides)
        n++
      }
      const perSecond = n / ((performance.now() - start) / 1000)
      rows.push({
        what: 'whole-model evaluations a second, one core',
        ours: perSecond.toFixed(0),
        eleventy: '',
        ratio: '',
        goal: '≥ 200,000',
        met: perSecond >= 200000,
      })
    }
  } finally {
    for (const dir of scratch) rmSync(dir, { recursive: true, force: true })
  }
  const head = ['what', 'ours', 'Eleventy 3', 'ratio', 'goal', 'met']
  console.log(`| ${head.join(' | ')} |\n|${head.map(() => '---').join('|')}|`)
  for (const r of rows)
    console.log(
      `| ${r.what} | ${r.ours} | ${r.eleventy} | ${r.ratio} | ${r.goal} | ${r.met === undefined ? '' : r.met ? 'yes' : 'no'} |`,
    )
  console.log('')
  if (wanted('model'))
    execFileSync(
      process.execPath,
      ['--import', 'tsx', 'bench/model.mts', ...(quick ? ['--quick'] : [])],
      { stdio: 'inherit' },
    )
}

await main()
