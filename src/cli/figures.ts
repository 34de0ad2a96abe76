/**
 * `npm run figures`: every figure of the model under a scenario, as a readable table or, with
 * `--json`, as the contract in design.md (and nothing else on stdout). With `--uncertainty`,
 * each figure also gets its 5%, 50% and 95% values over the input ranges.
 */
import { formatFigure } from '../format/figure.ts'
import { formatNumber } from '../format/number.ts'
import type { CostModel, Figure, Quantiles } from '../model/index.ts'
import { parse, scenarioOptions, sessionFromFlags } from './args.ts'

/** Output sink, injected so tests capture it. */
export interface Output {
  out(text: string): void
}

/** Runs the figures command. */
export function figuresCommand(argv: readonly string[], output: Output, model: CostModel): number {
  const { values } = parse('figures', argv, {
    ...scenarioOptions,
    json: { type: 'boolean' },
    uncertainty: { type: 'boolean' },
    'list-scenarios': { type: 'boolean' },
  })
  if (values['list-scenarios']) {
    output.out(`${model.scenarios.map((s) => s.name).join('\n')}\n`)
    return 0
  }
  const session = sessionFromFlags(model, values)
  const { evaluation } = session.evaluation(session.defaultScenario)
  const figures = evaluation.model.ids.map((id) => evaluation.figure(id))
  const sample = values.uncertainty ? session.uncertainty(session.defaultScenario) : undefined
  const spread = (f: Figure): Quantiles | undefined => sample?.quantiles(f.id)
  if (values.json) {
    const json = Object.fromEntries(
      figures.map((f) => {
        const q = spread(f)
        const entry = {
          value: f.value,
          unit: f.unit,
          kind: f.provenance.kind,
          formatted: formatFigure(f),
        }
        return [
          f.id,
          q ? { ...entry, interval: [q.p5, q.p95], median: q.p50, mean: q.mean } : entry,
        ]
      }),
    )
    output.out(`${JSON.stringify(json, null, 2)}\n`)
    return 0
  }
  if (sample) {
    const rows = figures.map((f) => {
      const q = spread(f) as Quantiles
      return [
        f.id,
        formatFigure(f),
        ...[q.p5, q.p50, q.p95].map((v) => formatNumber(v, f.format)),
        f.unit,
      ]
    })
    output.out(table(['figure', 'value', '5%', '50%', '95%', 'unit'], rows, 4))
    output.out(
      `\n${sample.count} draws, seed ${session.sampling.seed}; inputs drawn: ${sample.uncertain.join(', ')}\n`,
    )
    return 0
  }
  const rows = figures.map((f) => [f.id, formatFigure(f), f.unit, f.provenance.kind, f.label])
  output.out(table(['figure', 'value', 'unit', 'kind', 'what it is'], rows))
  return 0
}

/** Left-aligned text columns; value columns (1 to `numeric`) right-aligned so magnitudes line up. */
export function table(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  numeric = 1,
): string {
  const all = [header, ...rows]
  const widths = header.map((_, c) => Math.max(...all.map((r) => [...(r[c] ?? '')].length)))
  const line = (r: readonly string[]) =>
    r
      .map((cell, c) => {
        const pad = ' '.repeat((widths[c] ?? 0) - [...cell].length)
        return c >= 1 && c <= numeric ? pad + cell : cell + pad
      })
      .join('  ')
      .trimEnd()
  const rule = widths.map((w) => '─'.repeat(w)).join('  ')
  return `${[line(header), rule, ...rows.map(line)].join('\n')}\n`
}
