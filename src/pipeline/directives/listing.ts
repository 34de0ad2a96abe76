/**
 * `::listing{fn="calculateSftCost" call="sft.cost"}`: the source of a model function, cut from
 * the model's listings file (src/model/formulas.ts) at build time, optionally followed by the
 * call that computes a figure, with its argument values and result. The model computes stage
 * costs step by step (tokens, FLOPs, GPU-hours, dollars); the listed function is called with the
 * same inputs at build and must return the same value, or the build fails: the page says so.
 */
import { parse } from '@babel/parser'
import { h } from 'hastscript'
import { messages } from '../../diagnostics/messages.ts'
import { suggest } from '../../diagnostics/suggest.ts'
import type { Evaluation } from '../../model/index.ts'
import { lowerTo } from './lower.ts'
import type { DirectiveEnv, DirectiveSpec } from './spec.ts'

/** Relative difference under which a listed function agrees with the model. */
const AGREEMENT = 1e-9

/** Source text → the text of each exported function (doc comment included), by name. */
let parsedSource: { source: string; functions: Map<string, string> } | undefined

/**
 * The text of `export function <name>` with its doc comment, or undefined. Parsed with
 * @babel/parser (TypeScript plugin; ~40 ms to import, where the TypeScript compiler takes
 * ~500 ms), so braces in strings, comments and types cannot cut a listing short.
 */
export function functionSource(source: string, name: string): string | undefined {
  if (parsedSource?.source !== source) {
    parsedSource = { source, functions: exportedFunctions(source) }
  }
  return parsedSource.functions.get(name)
}

function exportedFunctions(source: string): Map<string, string> {
  const program = parse(source, { sourceType: 'module', plugins: ['typescript'] }).program
  const found = new Map<string, string>()
  for (const statement of program.body) {
    const declaration = statement.type === 'ExportNamedDeclaration' ? statement.declaration : null
    if (declaration?.type !== 'FunctionDeclaration' || !declaration.id) continue
    // The doc comment counts only if nothing but whitespace separates it from `export`.
    const doc = statement.leadingComments?.at(-1)
    const from =
      doc?.type === 'CommentBlock' && doc.value.startsWith('*') ? doc.start : statement.start
    if (from == null || statement.end == null) continue
    found.set(declaration.id.name, source.slice(from, statement.end))
  }
  return found
}

/**
 * The call that computes figure `id`, with values, as TypeScript; `mismatch` when the function
 * disagrees with the model's own value of the figure.
 */
function callSource(
  id: string,
  env: DirectiveEnv,
  evaluation: Evaluation,
): { code: string } | { mismatch: string } | undefined {
  const listings = env.session.model.listings
  const call = listings?.calls[id]
  const fn = call ? listings?.functions[call.fn] : undefined
  if (!call || !fn || !evaluation.has(id)) return undefined
  const args = call.args.map((arg) => evaluation.value(arg))
  const result = fn(...args)
  const expected = evaluation.value(id)
  if (!(Math.abs(result - expected) <= AGREEMENT * Math.abs(expected)))
    return { mismatch: `${call.fn}(…) returns ${result}, the model's ${id} is ${expected}` }
  const lines = call.args.map((arg, i) => `  ${args[i]}, // ${arg}`)
  return {
    code: `\n\n// ${id}, scenario ${env.scenario}\n${call.fn}(\n${lines.join('\n')}\n) // → ${result}, equal to the model's ${id} (checked at build)`,
  }
}

export const listing: DirectiveSpec = {
  name: 'listing',
  type: 'leafDirective',
  label: 'none',
  doc: 'The source of an exported function of src/model/formulas.ts, highlighted.',
  example: '::listing{fn="calculateSftCost"}',
  renders: 'element',
  attributes: {
    fn: { doc: 'Name of the exported model function.', required: true },
    call: {
      doc: 'A stage figure (sft.cost, inference.cost, dpo.cost): append its call with values.',
    },
  },
  run(node, env) {
    const name = env.attributes.fn ?? ''
    const functions = env.session.model.listings?.functions ?? {}
    const text = Object.hasOwn(functions, name)
      ? functionSource(env.sources.listingSource, name)
      : undefined
    if (!text) {
      const close = suggest(name, Object.keys(functions))
      env.error(messages.unknownFunction(name, close), 'unknown-function')
      return
    }
    let code = text
    const callId = env.attributes.call
    if (callId !== undefined) {
      const call = callSource(callId, env, env.session.evaluation(env.scenario).evaluation)
      if (!call) {
        const known = Object.keys(env.session.model.listings?.calls ?? {})
        env.error(messages.invalidCall(callId, known), 'invalid-attribute')
        return
      }
      if ('mismatch' in call) {
        env.error(messages.listingMismatch(name, call.mismatch), 'listing-mismatch')
        return
      }
      code += call.code
    }
    lowerTo(
      node,
      h('pre', { className: ['listing'], dataFunction: name }, [
        h('code', { className: ['language-ts'] }, [code]),
      ]),
    )
  },
}
