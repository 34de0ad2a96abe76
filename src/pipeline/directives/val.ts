/** `:val[expression]{fmt="…"}`: an inline computed number. */

import { h } from 'hastscript'
import { messages } from '../../diagnostics/messages.ts'
import { formatInterval } from '../../format/interval.ts'
import { FormatError, formatter, namedFormats } from '../../format/number.ts'
import { isUnitSymbol, units } from '../../model/index.ts'
import { showNumber } from '../figure-element.ts'
import type { ShownInterval } from '../records.ts'
import { evaluateLabel } from './expression.ts'
import { lowerTo, pointOf } from './lower.ts'
import type { DirectiveEnv, DirectiveSpec } from './spec.ts'

/** The expression's 90% interval over the draws of the directive's scenario. */
function intervalOf(source: string, format: string, env: DirectiveEnv): ShownInterval {
  const q = env.session.expressionQuantiles(source, env.scenario)
  return { ...q, formatted: formatInterval(q.p5, q.p95, format) }
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
    plain: {
      doc: 'A plain count of the setup (`1 epoch`, `N = 4`): no mark on the page, even with marks shown; its popover stays.',
    },
    interval: {
      doc: 'Follow the number with its 90% interval over the input ranges: `58.5× (90% interval 25–120×)`.',
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
    const evaluation = env.session.evaluation(env.scenario).evaluation
    const figure = evaluation.has(source) ? source : undefined
    // The default format: the figure's own for a bare id, else the result unit's.
    const unit = result.unit.symbol
    const format =
      env.attributes.fmt ??
      (figure
        ? evaluation.figure(figure).format
        : isUnitSymbol(unit)
          ? units[unit].format
          : 'decimal')
    let formatted: string
    try {
      formatted = formatter(format)(result.value)
    } catch (error) {
      if (!(error instanceof FormatError)) throw error
      env.error(messages.unknownFormat(format, Object.keys(namedFormats)), 'unknown-format')
      return
    }
    const interval = 'interval' in env.attributes ? intervalOf(source, format, env) : undefined
    const record = {
      expression: source,
      figure,
      scenario: env.scenario,
      value: result.value,
      unit,
      format,
      suffix: '',
      formatted,
      figures,
      ...(interval ? { interval } : {}),
      ...('plain' in env.attributes ? { plain: true } : {}),
      ...pointOf(node),
    }
    const element = showNumber(env.file, record)
    lowerTo(
      node,
      interval
        ? h('span', { className: ['with-interval'] }, [
            element,
            ' ',
            h('span', { className: ['interval'] }, [`(90% interval ${interval.formatted})`]),
          ])
        : element,
    )
  },
}
