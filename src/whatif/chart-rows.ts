/**
 * A chart's rows at point values: the model's dataset builders run with an evaluator and no
 * Monte Carlo draws. The page redraws only charts whose datasets need no draws (sampling the
 * model in the browser on every change would cost far more than a frame); the build asks the
 * same question to know which charts to offer for redrawing. Pure: shared by both.
 */
import type {
  CostModel,
  Dataset,
  DatasetDraws,
  DatasetEvaluator,
  ScenarioDef,
} from '../model/types.ts'

/** Thrown by the draws a point-value dataset is given, should it read them. */
class DrawsNeeded extends Error {}

const noDraws: DatasetDraws = {
  sample: () => {
    throw new DrawsNeeded('this dataset reads Monte Carlo draws')
  },
  tornado: () => {
    throw new DrawsNeeded('this dataset reads Monte Carlo draws')
  },
}

/** Rows by dataset name, or undefined when one of the datasets reads Monte Carlo draws. */
export function pointRows(
  model: { readonly datasets: CostModel['datasets']; readonly scenarios: readonly ScenarioDef[] },
  evaluate: DatasetEvaluator,
  names: readonly string[],
): Record<string, Dataset['rows']> | undefined {
  const rows: Record<string, Dataset['rows']> = {}
  for (const name of names) {
    const builder = Object.hasOwn(model.datasets, name) ? model.datasets[name] : undefined
    if (!builder) return undefined
    try {
      rows[name] = builder(evaluate, model.scenarios, noDraws).rows
    } catch (error) {
      if (error instanceof DrawsNeeded) return undefined
      throw error
    }
  }
  return rows
}
