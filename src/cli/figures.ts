/**
 * `npm run figures`: every figure of the model under a scenario, as a readable table or, with
 * `--json`, as the contract in design.md (and nothing else on stdout).
 */
import { formatFigure } from '../format/figure.ts'
import type { CostModel } from '../model/index.ts'
import { evaluateFromFlags, parse, scenarioOptions } from './args.ts'

/** Output sink, injected so tests capture it. */
export interface Output {
  out(text: string): void
}

/** Runs the figures command. */
export function figuresCommand(argv: readonly string[], output: Output, model: CostModel): number {
  const { values } = parse('figures', argv, {
    ...scenarioOptions,
    json: { type: 'boolean' },
    'list-scenarios': { type: 'boolean' },
  })
  if (values['list-scenarios']) {
    output.out(`${model.scenarios.map((s) => s.name).join('\n')}\n`)
    return 0
  }
  const { evaluation } = evaluateFromFlags(model, values)
  const figures = evaluation.model.ids.map((id) => evaluation.figure(id))
  if (values.json) {
    const json = Object.fromEntries(
      figures.map((f) => [
        f.id,
        { value: f.value, unit: f.unit, kind: f.provenance.kind, formatted: formatFigure(f) },
      ]),
    )
    output.out(`${JSON.stringify(json, null, 2)}\n`)
    return 0
  }
  const rows = figures.map((f) => [f.id, formatFigure(f), f.unit, f.provenance.kind, f.label])
  output.out(table(['figure', 'value', 'unit', 'kind', 'what it is'], rows))
  return 0
}

/** Left-aligned text columns; the value column right-aligned so magnitudes line up. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const all = [header, ...rows]
  const widths = header.map((_, c) => Math.max(...all.map((r) => [...(r[c] ?? '')].length)))
  const line = (r: readonly string[]) =>
    r
      .map((cell, c) => {
        const pad = ' '.repeat((widths[c] ?? 0) - [...cell].length)
        return c === 1 ? pad + cell : cell + pad
      })
      .join('  ')
      .trimEnd()
  const rule = widths.map((w) => '─'.repeat(w)).join('  ')
  return `${[line(header), rule, ...rows.map(line)].join('\n')}\n`
}
