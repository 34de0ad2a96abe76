/**
 * `npm run explain -- <figure-id>`: the derivation tree of a figure, down to the inputs and
 * their sources. A subtree printed once is referred to, not repeated.
 */
import { CliError } from '../diagnostics/errors.ts'
import { cliMessages } from '../diagnostics/messages.ts'
import { suggest } from '../diagnostics/suggest.ts'
import { formatWithUnit, substituteFormula, symbolicFormula } from '../format/figure.ts'
import type { CostModel, Evaluation } from '../model/index.ts'
import { evaluateFromFlags, parse, scenarioOptions } from './args.ts'
import type { Output } from './figures.ts'

/** Runs the explain command. */
export function explainCommand(argv: readonly string[], output: Output, model: CostModel): number {
  const { values, positionals } = parse('explain', argv, scenarioOptions, true)
  const id = positionals[0]
  if (!id || positionals.length > 1) {
    const { reason, hint } = cliMessages.explainArguments()
    throw new CliError('explain', reason, hint)
  }
  const { evaluation, scenario } = evaluateFromFlags(model, values)
  if (!evaluation.has(id)) {
    const close = suggest(id, evaluation.model.ids)
    const { reason, hint } = cliMessages.unknownFigure(id, close)
    throw new CliError('explain', reason, hint)
  }
  output.out(`${id} under scenario ${scenario}\n\n${explainTree(evaluation, id).join('\n')}\n`)
  return 0
}

/** Lines of the derivation tree of `id`, drawn with box characters. */
export function explainTree(evaluation: Evaluation, id: string): string[] {
  const lines: string[] = []
  const shown = new Set<string>()
  const visit = (figureId: string, prefix: string, branch: string): void => {
    const figure = evaluation.figure(figureId)
    const head = `${prefix}${branch}${figureId} = ${formatWithUnit(figure)}  (${figure.label})`
    const childPrefix = prefix + (branch === '' ? '' : branch === '└─ ' ? '   ' : '│  ')
    const p = figure.provenance
    if (p.kind === 'input') {
      const changed = p.overridden ? ' [overridden]' : ''
      lines.push(`${head}${changed}`, `${childPrefix}   input · source [@${p.source}] · ${p.note}`)
      return
    }
    if (shown.has(figureId)) {
      lines.push(`${head}  (derivation above)`)
      return
    }
    shown.add(figureId)
    lines.push(
      head,
      `${childPrefix}   = ${symbolicFormula(p.formula)}`,
      `${childPrefix}   = ${substituteFormula(p.formula, evaluation)}`,
    )
    p.deps.forEach((dep, i) => {
      visit(dep, childPrefix, i === p.deps.length - 1 ? '└─ ' : '├─ ')
    })
  }
  visit(id, '', '')
  return lines
}
