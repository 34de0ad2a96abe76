/** `:val[expression]{fmt="…"}`: an inline computed number. */
import { messages } from '../../diagnostics/messages.ts'
import { FormatError, formatter, namedFormats } from '../../format/number.ts'
import { isUnitSymbol, units } from '../../model/index.ts'
import { describeExpression, figureElement } from '../figure-element.ts'
import { evaluateLabel } from './expression.ts'
import { lowerTo, pointOf } from './lower.ts'
import type { DirectiveSpec } from './spec.ts'

/** The default format of a result unit: the figure's own for a bare id, else the unit's. */
function defaultFormat(
  expression: string,
  unit: string,
  env: Parameters<DirectiveSpec['run']>[1],
): string {
  const evaluation = env.session.evaluation(env.scenario).evaluation
  if (evaluation.has(expression)) return evaluation.figure(expression).format
  return isUnitSymbol(unit) ? units[unit].format : 'decimal'
}

export const val: DirectiveSpec = {
  name: 'val',
  type: 'textDirective',
  label: 'expression',
  doc: 'An inline computed number: a figure id or an expression over figure ids.',
  example: ':val[sft.cost]',
  renders: 'element',
  attributes: {
    fmt: {
      doc: 'A named format (usd, usd0, int, si, sci, ratio, pct, …) or a d3-format specifier.',
    },
  },
  run(node, env) {
    const evaluated = evaluateLabel(env, this.example)
    if (!evaluated) return
    const { source, result, figures } = evaluated
    if (result.kind !== 'number') {
      env.error(messages.expectedNumber(source), 'expected-number')
      return
    }
    const spec = env.attributes.fmt ?? defaultFormat(source, result.unit.symbol, env)
    let formatted: string
    try {
      formatted = formatter(spec)(result.value)
    } catch (error) {
      if (!(error instanceof FormatError)) throw error
      env.error(messages.unknownFormat(spec, Object.keys(namedFormats)), 'unknown-format')
      return
    }
    const evaluation = env.session.evaluation(env.scenario).evaluation
    const display = { expression: source, formatted, scenario: env.scenario, figures }
    lowerTo(node, figureElement(display, describeExpression(source, figures, evaluation)))
    const { line, column } = pointOf(node)
    env.file.data.shown ??= []
    env.file.data.shown.push({
      ...display,
      value: result.value,
      unit: result.unit.symbol,
      line,
      column,
    })
  },
}
