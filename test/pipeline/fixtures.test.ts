/**
 * Fixture tests: each folder in test/fixtures/ holds `input.md` and the expected `messages.txt`
 * (the terminal's diagnostics) and, optionally, `contains.txt` (lines the HTML must contain).
 * Only `UPDATE=1` rewrites messages.txt, and never under CI (see test/update.ts); a missing one fails.
 */
import assert from 'node:assert/strict'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import { buildOne, formatAll } from '../helpers.ts'
import { updateRequested } from '../update.ts'

const dir = join(process.cwd(), 'test', 'fixtures')

for (const name of readdirSync(dir).sort()) {
  test(`fixture ${name}`, async () => {
    const input = readFileSync(join(dir, name, 'input.md'), 'utf8')
    const chartDir = join(dir, name, 'charts')
    const charts = existsSync(chartDir)
      ? Object.fromEntries(
          readdirSync(chartDir).map((f) => [f, readFileSync(join(chartDir, f), 'utf8')]),
        )
      : undefined
    const { result, diagnostics } = await buildOne(input, charts ? { charts } : {})
    const actual = `${formatAll(diagnostics)}\n`
    const expectedPath = join(dir, name, 'messages.txt')
    if (updateRequested()) writeFileSync(expectedPath, actual)
    assert.ok(
      existsSync(expectedPath),
      `${expectedPath} is missing; run with UPDATE=1 to create it`,
    )
    assert.equal(actual, readFileSync(expectedPath, 'utf8'))
    const containsPath = join(dir, name, 'contains.txt')
    if (existsSync(containsPath)) {
      const html = result?.files.get('input/index.html') ?? ''
      for (const line of readFileSync(containsPath, 'utf8').split('\n').filter(Boolean)) {
        assert.ok(html.includes(line), `output lacks ${line}`)
      }
    }
  })
}
