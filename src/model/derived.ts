/**
 * Derived figures: everything the article computes, as formulas over other figures.
 * Each uses the appendix functions in formulas.ts so the listings the page shows are the
 * code that produced its numbers. Ids are stable: pages, snapshots and tests depend on them.
 */

import { formulaDependencies } from './formula.ts'
import {
  calculateCost,
  calculateGpuHours,
  calculateSustainedPerformanceTflops,
  calculateTotalFlops,
  calculateTotalTokens,
} from './formulas.ts'
import type { DerivedDef, FormulaCall } from './types.ts'
import type { UnitSymbol } from './units.ts'

/**
 * A derived figure, defined once: its dependencies are the `{id}` markers of its formula, in
 * order of first appearance, and `compute` receives their values in that order (compileModel
 * checks the arity), so the formula a reader sees and the code that runs cannot drift apart.
 */
function derive(def: {
  readonly id: string
  readonly unit: UnitSymbol
  readonly label: string
  readonly formula: string
  readonly compute: (...values: number[]) => number
  readonly format?: string
}): DerivedDef {
  const deps = formulaDependencies(def.formula)
  return { ...def, compute: fixedArity(def.compute, deps.length), deps }
}

// Variadic: the sum or product of however many figures the formula names.
const sum = (...values: number[]): number => values.reduce((a, b) => a + b, 0)
const product = (...values: number[]): number => values.reduce((a, b) => a * b, 1)

/**
 * `sum` and `product` with one parameter per dependency, so the evaluator's hot loop passes
 * values without building a rest array (and compileModel's arity check sees a real arity).
 * Same operation order as the variadic reduce, so every value is bit-identical.
 */
function fixedArity(
  compute: (...values: number[]) => number,
  n: number,
): (...values: number[]) => number {
  if (compute === sum) {
    if (n === 2) return (a: number, b: number) => a + b
    if (n === 3) return (a: number, b: number, c: number) => a + b + c
    if (n === 4) return (a: number, b: number, c: number, d: number) => a + b + c + d
  }
  if (compute === product) {
    if (n === 2) return (a: number, b: number) => a * b
    if (n === 3) return (a: number, b: number, c: number) => a * b * c
    if (n === 4) return (a: number, b: number, c: number, d: number) => a * b * c * d
  }
  return compute
}

/** Tokens → FLOPs → GPU-hours → dollars for one stage, named `<stage>.*`. */
function stage(
  name: string,
  title: string,
  countId: string,
  epochsId: string | undefined,
  flopsFactorId: string,
  throughputId = 'throughput.effective',
): DerivedDef[] {
  const tokenFormula = epochsId
    ? `{${countId}} × {sequence.length} × {${epochsId}}`
    : `{${countId}} × {sequence.length}`
  return [
    derive({
      id: `${name}.tokens`,
      unit: 'tokens',
      label: `${title} tokens`,
      formula: tokenFormula,
      compute: epochsId
        ? (a, b, c) => calculateTotalTokens(a, b, c)
        : (a, b) => calculateTotalTokens(a, b, 1),
    }),
    derive({
      id: `${name}.flops`,
      unit: 'FLOP',
      label: `${title} FLOPs`,
      formula: `{${name}.tokens} × {model.params} × {${flopsFactorId}}`,
      compute: (a, b, c) => calculateTotalFlops(a, b, c),
    }),
    derive({
      id: `${name}.gpuHours`,
      unit: 'GPU·h',
      label: `${title} GPU-hours`,
      formula: `{${name}.flops} ÷ ({${throughputId}} × {const.secondsPerHour})`,
      // The third marker names the seconds per hour that calculateGpuHours applies itself.
      compute: (flops, throughput, _secondsPerHour) => calculateGpuHours(flops, throughput),
    }),
    derive({
      id: `${name}.cost`,
      unit: 'USD',
      label: `${title} cost`,
      formula: `{${name}.gpuHours} × {price.gpuHour}`,
      compute: (a, b) => calculateCost(a, b),
    }),
  ]
}

const throughput = [
  derive({
    id: 'llama2.pretrain.flops',
    unit: 'FLOP',
    label: 'Llama 2 70B pre-training FLOPs',
    formula: '{llama2.pretrain.tokens} × {llama2.params} × {flops.perToken.train}',
    compute: (a, b, c) => calculateTotalFlops(a, b, c),
  }),
  derive({
    id: 'throughput.sustained',
    unit: 'TFLOP/s',
    label: 'Sustained throughput per GPU',
    formula: '{llama2.pretrain.flops} ÷ ({llama2.pretrain.gpuHours} × {const.secondsPerHour})',
    compute: (flops, gpuHours, _secondsPerHour) =>
      calculateSustainedPerformanceTflops(flops, gpuHours),
  }),
  derive({
    id: 'hardware.utilization',
    unit: '%',
    label: 'Model FLOPs utilisation of the anchor run',
    formula: '{throughput.sustained} ÷ {hardware.anchorPeak}',
    compute: (a, b) => a / b,
  }),
  derive({
    id: 'throughput.effective',
    unit: 'TFLOP/s',
    label: 'Throughput on the priced GPU',
    formula: '{throughput.sustained} × {hardware.peak} ÷ {hardware.anchorPeak}',
    compute: (a, b, c) => a * (b / c),
  }),
]

const sft = [
  derive({
    id: 'sft.examples',
    unit: 'examples',
    label: 'SFT seed examples',
    formula: '{sft.iftExamples} + {sft.eftExamples}',
    compute: sum,
  }),
  ...stage('sft', 'SFT', 'sft.examples', 'sft.epochs', 'flops.perToken.train'),
]

/** Calls of one self-rewarding iteration: prompts, candidate responses, judgments. */
function iteration(name: 'm1' | 'm2', title: string): DerivedDef[] {
  const p = `rlaif.${name}`
  return [
    derive({
      id: `${p}.prompts`,
      unit: 'calls',
      label: `${title} prompt generations`,
      formula: `{rlaif.pairs.${name}} × {rlaif.promptsPerPair}`,
      compute: product,
    }),
    derive({
      id: `${p}.responses`,
      unit: 'calls',
      label: `${title} response generations`,
      formula: `{${p}.prompts} × {rlaif.candidatesPerPrompt}`,
      compute: product,
    }),
    derive({
      id: `${p}.judgments`,
      unit: 'calls',
      label: `${title} judgments`,
      formula: `{${p}.responses} × {rlaif.judgeSamples}`,
      compute: product,
    }),
    derive({
      id: `${p}.calls`,
      unit: 'calls',
      label: `${title} inference calls`,
      formula: `{${p}.prompts} + {${p}.responses} + {${p}.judgments}`,
      compute: sum,
    }),
  ]
}

const inference = [
  ...iteration('m1', 'M1'),
  ...iteration('m2', 'M2'),
  derive({
    id: 'rlaif.pairs.total',
    unit: 'pairs',
    label: 'Synthetic preference pairs',
    formula: '{rlaif.pairs.m1} + {rlaif.pairs.m2}',
    compute: sum,
  }),
  derive({
    id: 'inference.prompts',
    unit: 'calls',
    label: 'Prompt generations',
    formula: '{rlaif.m1.prompts} + {rlaif.m2.prompts}',
    compute: sum,
  }),
  derive({
    id: 'inference.responses',
    unit: 'calls',
    label: 'Response generations',
    formula: '{rlaif.m1.responses} + {rlaif.m2.responses}',
    compute: sum,
  }),
  derive({
    id: 'inference.judgments',
    unit: 'calls',
    label: 'Judgments',
    formula: '{rlaif.m1.judgments} + {rlaif.m2.judgments}',
    compute: sum,
  }),
  derive({
    id: 'inference.calls',
    unit: 'calls',
    label: 'Inference calls',
    formula: '{rlaif.m1.calls} + {rlaif.m2.calls}',
    compute: sum,
  }),
  derive({
    id: 'throughput.inference',
    unit: 'TFLOP/s',
    label: 'Inference throughput on the priced GPU',
    formula: '{throughput.effective} × {inference.relativeThroughput}',
    compute: product,
  }),
  ...stage(
    'inference',
    'Inference',
    'inference.calls',
    undefined,
    'flops.perToken.forward',
    'throughput.inference',
  ),
  derive({
    id: 'inference.promptCost',
    unit: 'USD',
    label: 'Prompt generation cost',
    formula: '{inference.cost} × {inference.prompts} ÷ {inference.calls}',
    compute: (a, b, c) => (a * b) / c,
  }),
  derive({
    id: 'inference.responseCost',
    unit: 'USD',
    label: 'Response generation cost',
    formula: '{inference.cost} × {inference.responses} ÷ {inference.calls}',
    compute: (a, b, c) => (a * b) / c,
  }),
  derive({
    id: 'inference.judgeCost',
    unit: 'USD',
    label: 'Judging cost',
    formula: '{inference.cost} × {inference.judgments} ÷ {inference.calls}',
    compute: (a, b, c) => (a * b) / c,
  }),
]

const dpo = [
  derive({
    id: 'flops.perToken.backward',
    unit: 'FLOP/(token·param)',
    label: 'Backward-pass FLOPs per token per parameter',
    formula: '{flops.perToken.train} − {flops.perToken.forward}',
    compute: (a, b) => a - b,
  }),
  derive({
    id: 'dpo.flopsPerToken.reference',
    unit: 'FLOP/(token·param)',
    label: 'DPO reference-model forward FLOPs',
    formula: '{flops.perToken.forward} × {dpo.sequencesPerPair}',
    compute: product,
  }),
  derive({
    id: 'dpo.flopsPerToken.policyForward',
    unit: 'FLOP/(token·param)',
    label: 'DPO policy forward FLOPs',
    formula: '{flops.perToken.forward} × {dpo.sequencesPerPair}',
    compute: product,
  }),
  derive({
    id: 'dpo.flopsPerToken.policyBackward',
    unit: 'FLOP/(token·param)',
    label: 'DPO policy backward FLOPs',
    formula: '{flops.perToken.backward} × {dpo.sequencesPerPair}',
    compute: product,
  }),
  derive({
    id: 'flops.perToken.dpo',
    unit: 'FLOP/(token·param)',
    label: 'DPO FLOPs per token per parameter',
    formula:
      '{dpo.flopsPerToken.reference} + {dpo.flopsPerToken.policyForward} + {dpo.flopsPerToken.policyBackward}',
    compute: sum,
  }),
  derive({
    id: 'dpo.pairs',
    unit: 'pairs',
    label: 'Pairs DPO trains on',
    formula: '{rlaif.pairs.m1}, plus {rlaif.pairs.m2} when {dpo.iterationsTrained} ≥ 2',
    compute: (a, b, c) => a + (c >= 2 ? b : 0),
  }),
  ...stage('dpo', 'DPO', 'dpo.pairs', 'dpo.epochs', 'flops.perToken.dpo'),
]

const comparison = [
  derive({
    id: 'synthetic.total',
    unit: 'USD',
    label: 'Synthetic generation cost',
    formula: '{sft.cost} + {inference.cost} + {dpo.cost}',
    compute: sum,
  }),
  derive({
    id: 'synthetic.costPerPair',
    unit: 'USD/pair',
    label: 'Synthetic cost per pair',
    formula: '{synthetic.total} ÷ {rlaif.pairs.total}',
    compute: (a, b) => a / b,
  }),
  derive({
    id: 'human.cost.conservative',
    unit: 'USD',
    label: 'Human cost of the synthetic pair count, lower bound',
    formula: '{rlaif.pairs.total} × {human.price.conservative}',
    compute: product,
  }),
  derive({
    id: 'human.cost.realistic',
    unit: 'USD',
    label: 'Human cost of the synthetic pair count, upper bound',
    formula: '{rlaif.pairs.total} × {human.price.realistic}',
    compute: product,
  }),
  derive({
    id: 'llama2.humanCost.conservative',
    unit: 'USD',
    label: "Llama 2's human pairs at the lower price",
    formula: '{llama2.humanPairs} × {human.price.conservative}',
    compute: product,
  }),
  derive({
    id: 'llama2.humanCost.realistic',
    unit: 'USD',
    label: "Llama 2's human pairs at the upper price",
    formula: '{llama2.humanPairs} × {human.price.realistic}',
    compute: product,
  }),
  derive({
    id: 'ratio.conservative',
    unit: '×',
    label: 'Cost reduction, conservative',
    formula: '{human.cost.conservative} ÷ {synthetic.total}',
    compute: (a, b) => a / b,
  }),
  derive({
    id: 'ratio.realistic',
    unit: '×',
    label: 'Cost reduction, realistic',
    formula: '{human.cost.realistic} ÷ {synthetic.total}',
    compute: (a, b) => a / b,
  }),
  derive({
    id: 'price.reserved.discount',
    unit: '%',
    label: 'Reserved-instance discount',
    formula: '1 − {price.reserved} ÷ {price.gpuHour}',
    compute: (a, b) => 1 - a / b,
  }),
  derive({
    id: 'price.spot.discount',
    unit: '%',
    label: 'Spot discount',
    formula: '1 − {price.spot} ÷ {price.gpuHour}',
    compute: (a, b) => 1 - a / b,
  }),
]

// Every stage cost is proportional to the parameter count at a fixed throughput, so a size
// ratio is a cost ratio. Tests check this against the size scenarios.
const scaling = [
  derive({
    id: 'scaling.small.savings',
    unit: '×',
    label: 'Cost saving of the small model',
    formula: '{model.params} ÷ {scaling.params.small}',
    compute: (a, b) => a / b,
  }),
  derive({
    id: 'scaling.medium.savings',
    unit: '×',
    label: 'Cost saving of the medium model',
    formula: '{model.params} ÷ {scaling.params.medium}',
    compute: (a, b) => a / b,
  }),
  derive({
    id: 'scaling.large.premium',
    unit: '×',
    label: 'Cost premium of the large model',
    formula: '{scaling.params.large} ÷ {model.params}',
    compute: (a, b) => a / b,
  }),
  derive({
    id: 'synthetic.fixedCost',
    unit: 'USD',
    label: 'Fixed cost (SFT)',
    formula: '{sft.cost}',
    compute: (a) => a,
  }),
  derive({
    id: 'synthetic.variableCostPerPair',
    unit: 'USD/pair',
    label: 'Variable cost per pair (inference and DPO)',
    formula: '({inference.cost} + {dpo.cost}) ÷ {rlaif.pairs.total}',
    compute: (a, b, c) => (a + b) / c,
  }),
  derive({
    id: 'scaling.cost.small',
    unit: 'USD',
    label: 'Synthetic cost of the small run',
    formula: '{synthetic.fixedCost} + {synthetic.variableCostPerPair} × {scaling.pairs.small}',
    compute: (a, b, c) => a + b * c,
  }),
  derive({
    id: 'scaling.cost.large',
    unit: 'USD',
    label: 'Synthetic cost of the large run',
    formula: '{synthetic.fixedCost} + {synthetic.variableCostPerPair} × {scaling.pairs.large}',
    compute: (a, b, c) => a + b * c,
  }),
  derive({
    id: 'scaling.costRatio',
    unit: '×',
    label: 'Cost of the large run relative to the small',
    formula: '{scaling.cost.large} ÷ {scaling.cost.small}',
    compute: (a, b) => a / b,
  }),
]

/** All derived figures. Order does not matter: the evaluator sorts them by dependency. */
export const derivedDefs: readonly DerivedDef[] = [
  ...throughput,
  ...sft,
  ...inference,
  ...dpo,
  ...comparison,
  ...scaling,
]

/** Stage totals with the appendix function that computes each in one call. */
export const stageCalls: Readonly<Record<string, FormulaCall>> = {
  'sft.cost': {
    fn: 'calculateSftCost',
    args: [
      'sft.examples',
      'sequence.length',
      'sft.epochs',
      'model.params',
      'throughput.effective',
      'price.gpuHour',
    ],
  },
  'inference.cost': {
    fn: 'calculateForwardPassCost',
    args: [
      'inference.calls',
      'sequence.length',
      'model.params',
      'throughput.inference',
      'price.gpuHour',
    ],
  },
  'dpo.cost': {
    fn: 'calculateDpoCost',
    args: [
      'dpo.pairs',
      'sequence.length',
      'dpo.epochs',
      'model.params',
      'throughput.effective',
      'price.gpuHour',
    ],
  },
}
