/** A small in-memory ExprContext for the expression tests. Maps only, never plain objects. */
import type { ExprContext, FigureValue } from '../../src/expr/index.ts'

/** Figures as `[value, unit symbol]` pairs keyed by id. */
export type FigureTable = ReadonlyArray<readonly [string, number, string]>

/** The base figures most tests use. */
export const baseFigures: FigureTable = [
  ['sft.cost', 42.54, 'USD'],
  ['sft.gpu_hours', 17, 'GPU·h'],
  ['gpu.price', 2.5, 'USD/GPU·h'],
  ['pairs.total', 1640, 'pairs'],
  ['rlaif.pairs.m1', 1000, 'pairs'],
  ['ratio.conservative', 11.7, '×'],
  ['ratio.realistic', 12, '×'],
  ['synthetic.total', 280, 'USD'],
  ['share.synthetic', 0.4, '%'],
  ['tokens.total', 1e6, 'tokens'],
  ['zero.cost', 0, 'USD'],
  ['huge.cost', 1e308, 'USD'],
  ['odd.unit', 1, 'furlongs'],
  ['broken.cost', Number.NaN, 'USD'],
]

/** Scenario overrides: the optimistic scenario halves the SFT cost. */
export const scenarioFigures: ReadonlyMap<string, FigureTable> = new Map([
  ['base', baseFigures],
  ['optimistic', [...baseFigures.filter(([id]) => id !== 'sft.cost'), ['sft.cost', 21.27, 'USD']]],
])

/** A context over `figures`, with every scenario of `scenarios` reachable through scenario(). */
export function fakeContext(
  figures: FigureTable = baseFigures,
  scenarios: ReadonlyMap<string, FigureTable> = scenarioFigures,
): ExprContext {
  const table = new Map<string, FigureValue>(
    figures.map(([id, value, unit]) => [id, { value, unit }]),
  )
  return {
    lookup: (id) => table.get(id),
    ids: () => table.keys(),
    scenario: (name) => {
      const other = scenarios.get(name)
      return other ? fakeContext(other, scenarios) : undefined
    },
    scenarioNames: () => scenarios.keys(),
  }
}
