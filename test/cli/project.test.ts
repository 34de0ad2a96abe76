/**
 * The commands on a throwaway copy of the project: a failing build leaves the previous dist/
 * untouched, and the figures snapshot catches exactly the figures a changed input moves.
 */
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { projectCopy } from '../helpers.ts'

let dir: string
before(() => {
  dir = projectCopy()
})
after(() => rmSync(dir, { recursive: true, force: true }))

const run = (...args: string[]) => {
  const r = spawnSync(process.execPath, ['bin/article.mjs', ...args], {
    cwd: dir,
    encoding: 'utf8',
  })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

/** Every file under a folder with its content, for before/after comparison. */
function snapshotTree(folder: string): Map<string, string> {
  const files = new Map<string, string>()
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name)
      if (statSync(path).isDirectory()) walk(path)
      else files.set(path.slice(folder.length), readFileSync(path, 'utf8'))
    }
  }
  walk(folder)
  return files
}

/** Compiles the copy's src/ into its lib/, as `npm run compile` does. */
const compile = () => {
  const r = spawnSync(process.execPath, ['scripts/compile.mjs'], { cwd: dir, encoding: 'utf8' })
  assert.equal(r.status, 0, r.stderr)
}

/** Edits a file of the copy (recompiling after an edit to src/); returns the undo. */
const edit = (path: string, from: string | RegExp, to: string) => {
  const file = join(dir, path)
  const text = readFileSync(file, 'utf8')
  const next = text.replace(from, to)
  assert.notEqual(next, text, `edit of ${path} changed nothing`)
  writeFileSync(file, next)
  if (path.startsWith('src/')) compile()
  return () => {
    writeFileSync(file, text)
    if (path.startsWith('src/')) compile()
  }
}

describe('a failing build', () => {
  test('exits 1 with a located error, no stack trace, and leaves dist/ as it was', () => {
    assert.equal(run('build').code, 0)
    const built = snapshotTree(join(dir, 'dist'))
    const restore = edit('content/economics-of-alignment.md', ':val[sft.cost]', ':val[sft.cots]')
    const { code, stderr } = run('build')
    restore()
    assert.equal(code, 1)
    assert.match(
      stderr,
      /^content\/economics-of-alignment\.md:\d+:\d+: error: Unexpected figure `sft\.cots`/m,
    )
    assert.match(stderr, /did you mean `sft\.cost`/)
    assert.doesNotMatch(stderr, /\n\s+at /)
    assert.deepEqual(snapshotTree(join(dir, 'dist')), built)
    assert.deepEqual(
      readdirSync(dir).filter((n) => n.startsWith('dist.')),
      [],
    )
  })

  test('a template error names the template and line', () => {
    const restore = edit('templates/article.njk', '{{ article.summary }}', '{{ article.summmary }}')
    const { code, stderr } = run('build')
    restore()
    assert.equal(code, 1)
    assert.match(stderr, /^templates\/article\.njk:\d+(:\d+)?: error: .*\[template\]$/m)
  })

  test('the page is its body in parts where the template writes it, and whole where it does more', () => {
    assert.equal(run('build').code, 0)
    const page = readFileSync(join(dir, 'dist/economics-of-alignment/index.html'), 'utf8')
    const body = /<div class="article-body">\n([\s\S]*)\n {2}<\/div>\n {2}<footer/.exec(page)?.[1]
    assert.ok(body && body.length > 100_000, 'the body, written in many parts')
    assert.doesNotMatch(page, /\uFDD0/)
    // A template that measures the body and writes it twice: it gets the body itself each time.
    const restore = edit(
      'templates/article.njk',
      '{{ article.bodyHtml | safe }}',
      '{{ article.bodyHtml | safe }}<!-- {{ article.bodyHtml | length }} -->{{ article.bodyHtml | safe }}',
    )
    const twice = run('build')
    restore()
    assert.equal(twice.code, 0, twice.stderr)
    const written = readFileSync(join(dir, 'dist/economics-of-alignment/index.html'), 'utf8')
    const start = page.indexOf(body)
    assert.equal(written.slice(0, start), page.slice(0, start))
    assert.ok(written.startsWith(`${body}<!-- ${body.length} -->${body}\n`, start))
  })

  test('bad --set and --scenario name the flag', () => {
    const set = run('build', '--set', 'price.gpuHour=half')
    assert.equal(set.code, 1)
    assert.match(set.stderr, /^--set: error: Unexpected value `half` for `price\.gpuHour`/m)
    const scenario = run('build', '--scenario', 'cheap')
    assert.equal(scenario.code, 1)
    assert.match(scenario.stderr, /^--scenario: error: Unexpected unknown scenario `cheap`/m)
  })
})

describe('the compiled command line', () => {
  test('refuses to run when src/ changed since the last compile, and says how to fix it', () => {
    const file = join(dir, 'src/model/units.ts')
    const text = readFileSync(file, 'utf8')
    writeFileSync(file, `${text}\n// edited\n`)
    const stale = run('figures', '--json')
    writeFileSync(file, text)
    assert.equal(stale.code, 1)
    assert.match(stale.stderr, /^src\/: error: Unexpected sources changed since the last compile/m)
    assert.match(stale.stderr, /hint: run `npm run compile`/)
    assert.equal(run('figures', '--json').code, 0)
  })
})

describe('figures snapshot', () => {
  test('a changed input fails the check with exactly the moved figures, and update accepts it', () => {
    assert.equal(run('figures-check').code, 0)
    const restore = edit(
      'src/model/inputs.ts',
      /id: 'human\.price\.realistic',\s*value: 1\.5,/,
      "id: 'human.price.realistic', value: 1.6,",
    )
    const check = run('figures-check')
    assert.equal(check.code, 1)
    const moved = new Set(
      [...check.stdout.matchAll(/^changed\s+figure\s+\S+\s+(\S+)/gm)].map((m) => m[1]),
    )
    assert.deepEqual([...moved].sort(), [
      'human.cost.realistic',
      'human.price.realistic',
      'llama2.humanCost.realistic',
      'ratio.realistic',
    ])
    assert.match(check.stdout, /\$16,359 \(16359\)\s+\$17,450 \(17449\.6\d*\)\s+\+6\.67%/)
    assert.equal(run('figures-update').code, 0)
    assert.equal(run('figures-check').code, 0)
    restore()
  })

  test('the job summary gets a markdown table', () => {
    const restore = edit(
      'src/model/inputs.ts',
      /id: 'sft\.epochs',\s*value: 1,/,
      "id: 'sft.epochs', value: 2,",
    )
    const summary = join(dir, 'summary.md')
    const r = spawnSync(process.execPath, ['bin/article.mjs', 'figures-check'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, GITHUB_STEP_SUMMARY: summary },
    })
    restore()
    assert.equal(r.status, 1)
    assert.match(
      readFileSync(summary, 'utf8'),
      /^\| change \| kind \| scenario \| figure \| old \| new \| Δ % \|$/m,
    )
    assert.match(
      readFileSync(summary, 'utf8'),
      /\| changed \| figure \| published \| `sft\.cost` \| \$42\.54/,
    )
  })
})
