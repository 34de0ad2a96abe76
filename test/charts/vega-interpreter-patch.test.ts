/**
 * scripts/vega-interpreter-patch.mjs: the bundles' vega-interpreter keeps one scope per view's
 * functions for evaluations without an event, and evaluates every expression as the library
 * does: the same values, the same marks, the same failures, and event functions still routed to
 * the event. The drawings are the same bytes (the build's dist/ before and after is compared in
 * the commit); this checks the interpreter itself, bundled with the plugin as the compile does.
 */
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { pathToFileURL } from 'node:url'
import { build } from 'esbuild'
import { parseExpression } from 'vega'
import { expressionInterpreter as original } from 'vega-interpreter'
// @ts-expect-error: a plain ES module of the build scripts, without types
import { patchInterpreter, vegaInterpreterPatch } from '../../scripts/vega-interpreter-patch.mjs'
import { root } from '../helpers.ts'

type Interpreter = typeof original
let patched: Interpreter
const dir = mkdtempSync(join(tmpdir(), 'interpreter-'))
before(async () => {
  const outfile = join(dir, 'patched.mjs')
  await build({
    stdin: {
      contents: "export { expressionInterpreter } from 'vega-interpreter'",
      resolveDir: root,
    },
    bundle: true,
    format: 'esm',
    platform: 'node',
    outfile,
    plugins: [vegaInterpreterPatch],
    logLevel: 'error',
  })
  patched = ((await import(pathToFileURL(outfile).href)) as { expressionInterpreter: Interpreter })
    .expressionInterpreter
})
after(() => rmSync(dir, { recursive: true, force: true }))

/** A view's functions: one of the library's kind, and one that shows the scope it runs in. */
const functions = () => ({
  context: { name: 'view' },
  double: (x: number) => 2 * x,
  scope(this: unknown) {
    return this
  },
})
const ast = (text: string) => ({ ast: parseExpression(text) })
// biome-ignore lint/suspicious/noExplicitAny: the interpreter's context is untyped
const context = (fn: object): any => ({ functions: fn })

test('the bundle is patched: one scope per functions object without an event', () => {
  const fn = functions()
  const scopes = (interpreter: Interpreter) => {
    const run = interpreter.operator(context(fn), ast('scope()'))
    return [run({}), run({})] as [{ context: unknown }, { context: unknown }]
  }
  const [a, b] = scopes(patched)
  assert.equal(a, b)
  assert.equal(a.context, fn.context, 'the scope reads the view functions')
  const [c, d] = scopes(original)
  assert.notEqual(c, d, 'the library makes one each time')
  assert.equal(c.context, fn.context)
})

test('operators, parameters and encoders give what the library gives', () => {
  const fn = functions()
  const expressions = [
    'double(p) + datum.a * 3',
    "datum.b === 'x' ? pow(datum.a, 2) : -datum.a",
    'if(datum.a > 1, [datum.a, p], {k: p}.k)',
    'upper(datum.b) + round(datum.a / 3 * 100) + "%"',
    'datum.c && length(join(datum.c, "-"))',
  ]
  for (const text of expressions)
    for (const datum of [
      { a: 2, b: 'x', c: [1, 2] },
      { a: 0.5, b: 'y', c: null },
    ]) {
      const params = { $p: 7 }
      assert.deepEqual(
        patched.parameter(context(fn), ast(text))(datum, params),
        original.parameter(context(fn), ast(text))(datum, params),
        text,
      )
      assert.deepEqual(
        patched.operator(context(fn), ast(text.replaceAll('datum.', 'q.')))({ $p: 1, $q: datum }),
        original.operator(context(fn), ast(text.replaceAll('datum.', 'q.')))({ $p: 1, $q: datum }),
        text,
      )
    }
  const channels = { x: ast('datum.a * 10'), y: ast('double(datum.a)'), size: ast('p') }
  const marks = (interpreter: Interpreter) => {
    const encode = interpreter.encode(context(fn), { marktype: 'symbol', channels })
    const item = { datum: { a: 3 } } as Record<string, unknown>
    return [encode(item, { $p: 5 }), encode(item, { $p: 5 }), encode(item, { $p: 6 }), item]
  }
  assert.deepEqual(marks(patched), marks(original))
})

test('event functions fail without an event and reach the event with one, as before', () => {
  const fn = functions()
  const failure = (interpreter: Interpreter) => {
    try {
      interpreter.operator(context(fn), ast('x()'))({})
    } catch (error) {
      return [(error as Error).constructor, (error as Error).message]
    }
    return undefined
  }
  assert.ok(failure(original))
  assert.deepEqual(failure(patched), failure(original))
  const event = { vega: { x: () => 41, item: () => 'the item' } }
  for (const interpreter of [original, patched]) {
    assert.equal(interpreter.event(context(fn), ast('x() + 1'))(event), 42)
    assert.equal(interpreter.handler(context(fn), ast('item()'))({}, event), 'the item')
    // And without an event after one: no event function kept from the last.
    assert.ok(failure(interpreter))
  }
})

test('a vega-interpreter of other text is refused, not bundled unpatched', () => {
  assert.throws(() => patchInterpreter('function interpret (ast) {}', 'x.js'), /x\.js: not the/)
})
