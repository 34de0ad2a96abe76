/**
 * Every user error prints the same way: place, reason, rule id and hint, from one error type.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { build } from '../../src/build.ts'
import { CliError } from '../../src/diagnostics/errors.ts'
import { BuildFailure, formatDiagnostic, toDiagnostics } from '../../src/diagnostics/report.ts'
import { isUserError } from '../../src/diagnostics/user-error.ts'
import { ExprError } from '../../src/expr/index.ts'
import { articleCostModel, ModelError } from '../../src/model/index.ts'
import { TemplateError } from '../../src/render/template-error.ts'
import { frontmatter, memoryEffects } from '../helpers.ts'

test('a command-line error is a user error at its flag, printed without a rule id', () => {
  const error = new CliError('--port', 'Unexpected port `x`', 'for example `--port 8081`')
  assert.equal(error.ruleId, 'cli-usage')
  assert.ok(isUserError(error))
  assert.deepEqual(toDiagnostics(error)?.map(formatDiagnostic), [
    '--port: error: Unexpected port `x`\n  hint: for example `--port 8081`',
  ])
})

test('model and expression errors are the same user error, each with its place', () => {
  const model = new ModelError('override-invalid', 'Unexpected value', { figure: 'price.gpuHour' })
  assert.equal(toDiagnostics(model)?.[0]?.place, 'model price.gpuHour')
  const expr = new ExprError({ ruleId: 'expr-syntax', start: 1, end: 2, reason: 'Unexpected `)`' })
  assert.ok(isUserError(expr) && isUserError(model))
  assert.equal(toDiagnostics(new Error('a bug')), undefined)
  const template = new TemplateError({ file: 'templates/a.njk', line: 3 }, 'Unexpected end')
  assert.equal(template.ruleId, 'template')
  assert.equal(toDiagnostics(template)?.[0]?.place, 'templates/a.njk:3')
})

test('content/site.yaml errors name the file, the line and the rule', async () => {
  const failure = await build(
    articleCostModel,
    { root: process.cwd() },
    memoryEffects({
      'content/input.md': `${frontmatter}Text.\n`,
      'content/site.yaml': 'title: [\n',
    }),
  ).catch((error: unknown) => error)
  assert.ok(failure instanceof BuildFailure)
  const [d] = failure.diagnostics
  assert.equal(d?.ruleId, 'yaml')
  assert.match(d?.place ?? '', /^content\/site\.yaml:\d+:\d+$/)
  const missing = await build(
    articleCostModel,
    { root: process.cwd() },
    memoryEffects({
      'content/input.md': `${frontmatter}Text.\n`,
      'content/site.yaml': 'title: T\n',
    }),
  ).catch((error: unknown) => error)
  assert.ok(missing instanceof BuildFailure)
  assert.match(missing.diagnostics[0]?.reason ?? '', /^Unexpected site setting `seriesBaseUrl`/)
})
