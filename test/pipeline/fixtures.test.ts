/**
 * Fixture tests: each folder in test/fixtures/ holds `input.md` and the expected `messages.txt`
 * (the terminal's diagnostics) and, optionally, `contains.txt` (lines the HTML must contain),
 * `site.yaml` and `references.bib` (replacing the content's), and `charts/` (chart specs).
 * Inputs are read as bytes, so fixtures may hold CRLF, a BOM or bytes that are not UTF-8.
 * A fixture with an error builds nothing. Only `UPDATE=1` rewrites messages.txt, and never under
 * CI (see test/update.ts); a missing one fails. Folders with `cli.txt` are command-line cases
 * (test/cli/corpus.test.ts runs them).
 */
import assert from 'node:assert/strict'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import { buildOne, formatAll } from '../helpers.ts'
import { updateRequested } from '../update.ts'

const dir = join(process.cwd(), 'test', 'fixtures')

/** Content files a fixture may bring, by fixture file name. */
const contentFiles: Readonly<Record<string, string>> = {
  'site.yaml': 'content/site.yaml',
  'references.bib': 'content/references.bib',
}

for (const name of readdirSync(dir).sort()) {
  if (existsSync(join(dir, name, 'cli.txt'))) continue
  test(`fixture ${name}`, async () => {
    const input = readFileSync(join(dir, name, 'input.md'))
    const chartDir = join(dir, name, 'charts')
    const charts = existsSync(chartDir)
      ? Object.fromEntries(readdirSync(chartDir).map((f) => [f, readFileSync(join(chartDir, f))]))
      : undefined
    const files = Object.fromEntries(
      Object.entries(contentFiles)
        .filter(([file]) => existsSync(join(dir, name, file)))
        .map(([file, path]) => [path, readFileSync(join(dir, name, file))]),
    )
    const { result, diagnostics } = await buildOne(input, { ...(charts ? { charts } : {}), files })
    const actual = `${formatAll(diagnostics)}\n`
    const expectedPath = join(dir, name, 'messages.txt')
    if (updateRequested()) writeFileSync(expectedPath, actual)
    assert.ok(
      existsSync(expectedPath),
      `${expectedPath} is missing; run with UPDATE=1 to create it`,
    )
    assert.equal(actual, readFileSync(expectedPath, 'utf8'))
    if (diagnostics.some((d) => d.severity === 'error')) assert.equal(result, undefined)
    const containsPath = join(dir, name, 'contains.txt')
    if (existsSync(containsPath)) {
      const html = result?.files.get('input/index.html') ?? ''
      for (const line of readFileSync(containsPath, 'utf8').split('\n').filter(Boolean)) {
        assert.ok(html.includes(line), `output lacks ${line}`)
      }
    }
  })
}
