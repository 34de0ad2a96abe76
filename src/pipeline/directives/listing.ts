/**
 * `::listing{fn="calculateSftCost" call="sft.cost"}`: the source of a model function, cut from
 * src/model/formulas.ts at build time, optionally followed by the call that computed a figure
 * with its argument values and result. The code shown is the code that ran.
 */
import { parse } from '@babel/parser'
import { h } from 'hastscript'
import { messages } from '../../diagnostics/messages.ts'
import { suggest } from '../../expr/suggest.ts'
import * as formulas from '../../model/formulas.ts'
import type { Evaluation } from '../../model/index.ts'
import { stageCalls } from '../../model/index.ts'
import { lowerTo } from './lower.ts'
import type { DirectiveEnv, DirectiveSpec } from './spec.ts'

type NumericFunction = (...args: number[]) => number

/** Exported functions of formulas.ts, by name. */
const functions = new Map(
  Object.entries(formulas).filter(
    (entry): entry is [string, NumericFunction] => typeof entry[1] === 'function',
  ),
)

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

/** The call that computes figure `id`, with values, as TypeScript. */
function callSource(id: string, env: DirectiveEnv, evaluation: Evaluation): string | undefined {
  const call = stageCalls[id]
  const fn = call ? functions.get(call.fn) : undefined
  if (!call || !fn) return undefined
  const args = call.args.map((arg) => evaluation.value(arg))
  const lines = call.args.map((arg, i) => `  ${args[i]}, // ${arg}`)
  return `\n\n// ${id}, scenario ${env.scenario}\n${call.fn}(\n${lines.join('\n')}\n) // → ${fn(...args)}`
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
    const text = functions.has(name) ? functionSource(env.sources.formulas, name) : undefined
    if (!text) {
      const close = suggest(name, functions.keys())
      env.error(messages.unknownFunction(name, close), 'unknown-function')
      return
    }
    let code = text
    const callId = env.attributes.call
    if (callId !== undefined) {
      const call = callSource(callId, env, env.session.evaluation(env.scenario).evaluation)
      if (!call) {
        env.error(
          {
            reason: `Unexpected \`call="${callId}"\`, expected one of ${Object.keys(stageCalls).join(', ')}`,
            hint: undefined,
          },
          'invalid-attribute',
        )
        return
      }
      code += call
    }
    lowerTo(
      node,
      h('pre', { className: ['listing'], dataFunction: name }, [
        h('code', { className: ['language-ts'] }, [code]),
      ]),
    )
  },
}
