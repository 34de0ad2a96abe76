/**
 * `::listing{fn="calculateSftCost" call="sft.cost"}`: the source of a model function, cut from
 * src/model/formulas.ts at build time, optionally followed by the call that computed a figure
 * with its argument values and result. The code shown is the code that ran.
 */
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

/** The text of `export function <name>` with its doc comment, or undefined. */
export function functionSource(source: string, name: string): string | undefined {
  const start = source.search(new RegExp(`^export function ${name}\\(`, 'm'))
  if (start < 0) return undefined
  const docStart = source.lastIndexOf('/**', start)
  const between = docStart >= 0 ? source.slice(source.indexOf('*/', docStart) + 2, start) : 'x'
  const from = between.trim() === '' ? docStart : start
  const end = matchingBrace(
    source,
    source.indexOf('{', closingParen(source, source.indexOf('(', start))),
  )
  return source.slice(from, end + 1)
}

function closingParen(text: string, open: number): number {
  let depth = 0
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++
    else if (text[i] === ')' && --depth === 0) return i
  }
  return text.length
}

function matchingBrace(text: string, open: number): number {
  let depth = 0
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++
    else if (text[i] === '}' && --depth === 0) return i
  }
  return text.length - 1
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
