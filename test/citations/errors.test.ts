/**
 * Errors in a .bib file point at their line and column and say what to do; the build reports
 * them as `content/references.bib:LINE:COL: error: … hint: …`.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { BibliographyError, parseBibliography } from '../../src/citations/bibliography.ts'
import { loadBibliography } from '../../src/citations/load.ts'
import { citationMessages } from '../../src/diagnostics/citation-messages.ts'
import { BuildFailure, formatDiagnostic } from '../../src/diagnostics/report.ts'

/** The error parsing `text` throws: place, reason, hint and rule. */
function failure(text: string) {
  try {
    parseBibliography(text, 'content/references.bib')
  } catch (error) {
    assert.ok(error instanceof BibliographyError, String(error))
    const { line, column, reason, hint, ruleId } = error
    return { at: `${line}:${column}`, reason, hint, ruleId }
  }
  assert.fail('expected an error')
}

const ok = '@misc{ok, title = {T}, year = {2020}}\n'

test('a duplicate key points at the second entry and names the first', () => {
  const f = failure(`${ok}\n@article{a, title = {x}}\n  @misc{ok, title = {again}}\n`)
  assert.equal(f.at, '4:9')
  assert.equal(f.ruleId, 'duplicate-citation-key')
  assert.deepEqual({ reason: f.reason, hint: f.hint }, citationMessages.duplicateKey('ok', 1, 7))
})

test('an unclosed brace points at the value it opens', () => {
  const f = failure(
    `${ok}@misc{b,\n  title = {Unclosed {nested},\n  year = {2020}\n}\n\n@misc{c, title = {C}}\n`,
  )
  assert.equal(f.at, '3:11')
  assert.equal(f.ruleId, 'bibtex-syntax')
  assert.match(f.reason, /without its closing `}`/)
  // Without a field swallowed, the entry that is left open.
  const last = failure(`${ok}\n @misc{b,\n  title = {T}\n`)
  assert.equal(last.at, '3:2')
  assert.equal(last.reason, 'Unexpected end of file inside `b`, expected `}` closing the entry')
})

test('syntax errors say what was expected where', () => {
  assert.deepEqual(failure('@misc{k title = {T}}'), {
    at: '1:9',
    ...citationMessages.bibSyntax('`t`', '`,` or `}` after the key'),
    ruleId: 'bibtex-syntax',
  })
  assert.equal(failure('@misc{k, title {T}}').at, '1:16')
  assert.equal(failure('@misc{k, title = }').at, '1:18')
  assert.equal(failure('@misc k').at, '1:7')
  assert.equal(failure('@misc{, title = {T}}').at, '1:7')
  assert.match(failure('@misc{k, title = {T}').reason, /^Unexpected end of file inside `k`/)
})

test('bad keys, fields, strings, LaTeX and years are located', () => {
  assert.deepEqual(failure('@misc{bad key!, title = {T}}'), {
    at: '1:11',
    ...citationMessages.bibSyntax('`k`', '`,` or `}` after the key'),
    ruleId: 'bibtex-syntax',
  })
  assert.equal(failure('@misc{bad-, title = {T}}').ruleId, 'invalid-citation-key')
  const field = failure('@misc{k,\n  title = {T},\n  Title = {U}}')
  assert.deepEqual([field.at, field.ruleId], ['3:3', 'duplicate-field'])
  const macro = failure('@string{venue = {ICML}}\n@misc{k, title = {T}, booktitle = venu}')
  assert.deepEqual(
    [macro.at, macro.ruleId, macro.hint],
    ['2:35', 'unknown-string-macro', 'did you mean `venue`?'],
  )
  const latex = failure("@misc{k,\n  title = {Caf{\\'e} au lait}}")
  assert.deepEqual([latex.at, latex.ruleId], ['2:16', 'unsupported-latex'])
  assert.equal(latex.reason, citationMessages.unsupportedLatex("\\'").reason)
  const emph = failure('@misc{k, title = "A \\emph{b}"}')
  assert.deepEqual(
    [emph.at, emph.reason],
    ['1:21', citationMessages.unsupportedLatex('\\emph').reason],
  )
  const year = failure('@misc{k, title = {T},\n year = {2024v3}}')
  assert.deepEqual([year.at, year.ruleId], ['2:9', 'invalid-year'])
  const title = failure('\n\n  @misc{untitled, year = {2020}}')
  assert.deepEqual([title.at, title.ruleId], ['3:9', 'missing-field'])
})

test('the build reports a .bib error at its place, with a hint', async () => {
  const files: Record<string, string> = {
    'content/references.bib': `${ok}@misc{ok, title = {T}}\n`,
  }
  const read = async (path: string) => files[path] ?? ''
  const error = await loadBibliography(read).then(
    () => undefined,
    (e: unknown) => e,
  )
  assert.ok(error instanceof BuildFailure)
  assert.equal(
    error.diagnostics.map(formatDiagnostic).join('\n'),
    'content/references.bib:2:7: error: Unexpected second entry with key `ok`, expected every key once  [duplicate-citation-key]\n' +
      '  hint: the first `ok` is at line 1, column 7; rename or remove one',
  )
})

test('a missing .bib is an empty bibliography; other read errors propagate', async () => {
  const missing = Object.assign(new Error('no such file'), { code: 'ENOENT' })
  const empty = await loadBibliography(async () => {
    throw missing
  })
  assert.deepEqual(empty.keys(), [])
  await assert.rejects(
    loadBibliography(async () => {
      throw Object.assign(new Error('denied'), { code: 'EACCES' })
    }),
    /denied/,
  )
})
