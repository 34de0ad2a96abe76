/**
 * Derived figures: everything the article computes, as formulas over other figures.
 * Each uses the appendix functions in formulas.ts so the listings the page shows are the
 * code that produced its numbers. Ids are stable: pages, snapshots and tests depend on them.
 */
import {
  calculateCost,
  calculateGpuHours,
  calculateSustainedPerformanceTflops,
  calculateTotalFlops,
  calculateTotalTokens,
} from './formulas.ts'
import type { DerivedDef, FormulaCall } from './types.ts'
import type { UnitSymbol } from './units.ts'

function derive(
  id: string,
  unit: UnitSymbol,
  label: string,
  deps: readonly string[],
  formula: string,
  compute: (values: readonly number[]) => number,
): DerivedDef {
  return { id, unit, label, deps, formula, compute }
}

// Values arrive as a dense array in `deps` order; this reads one without `!` at every use.
const at = (values: readonly number[], index: number): number => values[index] ?? Number.NaN
const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0)
const product = (values: readonly number[]): number => values.reduce((a, b) => a * b, 1)
const ratio = (values: readonly number[]): number => at(values, 0) / at(values, 1)

/** Tokens → FLOPs → GPU-hours → dollars for one stage, named `<stage>.*`. */
function stage(
  name: string,
  title: string,
  countId: string,
  epochsId: string | undefined,
  flopsFactorId: string,
  throughputId = 'throughput.effective',
): DerivedDef[] {
  const tokenDeps = epochsId ? [countId, 'sequence.length', epochsId] : [countId, 'sequence.length']
  const tokenFormula = epochsId
    ? `{${countId}} × {sequence.length} × {${epochsId}}`
    : `{${countId}} × {sequence.length}`
  return [
    derive(`${name}.tokens`, 'tokens', `${title} tokens`, tokenDeps, tokenFormula, (v) =>
      calculateTotalTokens(at(v, 0), at(v, 1), epochsId ? at(v, 2) : 1),
    ),
    derive(
      `${name}.flops`,
      'FLOP',
      `${title} FLOPs`,
      [`${name}.tokens`, 'model.params', flopsFactorId],
      `{${name}.tokens} × {model.params} × {${flopsFactorId}}`,
      (v) => calculateTotalFlops(at(v, 0), at(v, 1), at(v, 2)),
    ),
    derive(
      `${name}.gpuHours`,
      'GPU·h',
      `${title} GPU-hours`,
      [`${name}.flops`, throughputId, 'const.secondsPerHour'],
      `{${name}.flops} ÷ ({${throughputId}} × {const.secondsPerHour})`,
      (v) => calculateGpuHours(at(v, 0), at(v, 1)),
    ),
    derive(
      `${name}.cost`,
      'USD',
      `${title} cost`,
      [`${name}.gpuHours`, 'price.gpuHour'],
      `{${name}.gpuHours} × {price.gpuHour}`,
      (v) => calculateCost(at(v, 0), at(v, 1)),
    ),
  ]
}

const throughput = [
  derive(
    'llama2.pretrain.flops',
    'FLOP',
    'Llama 2 70B pre-training FLOPs',
    ['llama2.pretrain.tokens', 'llama2.params', 'flops.perToken.train'],
    '{llama2.pretrain.tokens} × {llama2.params} × {flops.perToken.train}',
    (v) => calculateTotalFlops(at(v, 0), at(v, 1), at(v, 2)),
  ),
  derive(
    'throughput.sustained',
    'TFLOP/s',
    'Sustained throughput per GPU',
    ['llama2.pretrain.flops', 'llama2.pretrain.gpuHours', 'const.secondsPerHour'],
    '{llama2.pretrain.flops} ÷ ({llama2.pretrain.gpuHours} × {const.secondsPerHour})',
    (v) => calculateSustainedPerformanceTflops(at(v, 0), at(v, 1)),
  ),
  derive(
    'hardware.utilization',
    '%',
    'Model FLOPs utilisation of the anchor run',
    ['throughput.sustained', 'hardware.anchorPeak'],
    '{throughput.sustained} ÷ {hardware.anchorPeak}',
    ratio,
  ),
  derive(
    'throughput.effective',
    'TFLOP/s',
    'Throughput on the priced GPU',
    ['throughput.sustained', 'hardware.peak', 'hardware.anchorPeak'],
    '{throughput.sustained} × {hardware.peak} ÷ {hardware.anchorPeak}',
    (v) => at(v, 0) * (at(v, 1) / at(v, 2)),
  ),
]

const sft = [
  derive(
    'sft.examples',
    'examples',
    'SFT seed examples',
    ['sft.iftExamples', 'sft.eftExamples'],
    '{sft.iftExamples} + {sft.eftExamples}',
    sum,
  ),
  ...stage('sft', 'SFT', 'sft.examples', 'sft.epochs', 'flops.perToken.train'),
]

/** Calls of one self-rewarding iteration: prompts, candidate responses, judgments. */
function iteration(name: 'm1' | 'm2', title: string): DerivedDef[] {
  const p = `rlaif.${name}`
  return [
    derive(
      `${p}.prompts`,
      'calls',
      `${title} prompt generations`,
      [`rlaif.pairs.${name}`, 'rlaif.promptsPerPair'],
      `{rlaif.pairs.${name}} × {rlaif.promptsPerPair}`,
      product,
    ),
    derive(
      `${p}.responses`,
      'calls',
      `${title} response generations`,
      [`${p}.prompts`, 'rlaif.candidatesPerPrompt'],
      `{${p}.prompts} × {rlaif.candidatesPerPrompt}`,
      product,
    ),
    derive(
      `${p}.judgments`,
      'calls',
      `${title} judgments`,
      [`${p}.responses`, 'rlaif.judgeSamples'],
      `{${p}.responses} × {rlaif.judgeSamples}`,
      product,
    ),
    derive(
      `${p}.calls`,
      'calls',
      `${title} inference calls`,
      [`${p}.prompts`, `${p}.responses`, `${p}.judgments`],
      `{${p}.prompts} + {${p}.responses} + {${p}.judgments}`,
      sum,
    ),
  ]
}

const inference = [
  ...iteration('m1', 'M1'),
  ...iteration('m2', 'M2'),
  derive(
    'rlaif.pairs.total',
    'pairs',
    'Synthetic preference pairs',
    ['rlaif.pairs.m1', 'rlaif.pairs.m2'],
    '{rlaif.pairs.m1} + {rlaif.pairs.m2}',
    sum,
  ),
  derive(
    'inference.prompts',
    'calls',
    'Prompt generations',
    ['rlaif.m1.prompts', 'rlaif.m2.prompts'],
    '{rlaif.m1.prompts} + {rlaif.m2.prompts}',
    sum,
  ),
  derive(
    'inference.responses',
    'calls',
    'Response generations',
    ['rlaif.m1.responses', 'rlaif.m2.responses'],
    '{rlaif.m1.responses} + {rlaif.m2.responses}',
    sum,
  ),
  derive(
    'inference.judgments',
    'calls',
    'Judgments',
    ['rlaif.m1.judgments', 'rlaif.m2.judgments'],
    '{rlaif.m1.judgments} + {rlaif.m2.judgments}',
    sum,
  ),
  derive(
    'inference.calls',
    'calls',
    'Inference calls',
    ['rlaif.m1.calls', 'rlaif.m2.calls'],
    '{rlaif.m1.calls} + {rlaif.m2.calls}',
    sum,
  ),
  derive(
    'throughput.inference',
    'TFLOP/s',
    'Inference throughput on the priced GPU',
    ['throughput.effective', 'inference.relativeThroughput'],
    '{throughput.effective} × {inference.relativeThroughput}',
    product,
  ),
  ...stage(
    'inference',
    'Inference',
    'inference.calls',
    undefined,
    'flops.perToken.forward',
    'throughput.inference',
  ),
  derive(
    'inference.promptCost',
    'USD',
    'Prompt generation cost',
    ['inference.cost', 'inference.prompts', 'inference.calls'],
    '{inference.cost} × {inference.prompts} ÷ {inference.calls}',
    (v) => (at(v, 0) * at(v, 1)) / at(v, 2),
  ),
  derive(
    'inference.responseCost',
    'USD',
    'Response generation cost',
    ['inference.cost', 'inference.responses', 'inference.calls'],
    '{inference.cost} × {inference.responses} ÷ {inference.calls}',
    (v) => (at(v, 0) * at(v, 1)) / at(v, 2),
  ),
  derive(
    'inference.judgeCost',
    'USD',
    'Judging cost',
    ['inference.cost', 'inference.judgments', 'inference.calls'],
    '{inference.cost} × {inference.judgments} ÷ {inference.calls}',
    (v) => (at(v, 0) * at(v, 1)) / at(v, 2),
  ),
]

const dpo = [
  derive(
    'flops.perToken.backward',
    'FLOP/(token·param)',
    'Backward-pass FLOPs per token per parameter',
    ['flops.perToken.train', 'flops.perToken.forward'],
    '{flops.perToken.train} − {flops.perToken.forward}',
    (v) => at(v, 0) - at(v, 1),
  ),
  derive(
    'dpo.flopsPerToken.reference',
    'FLOP/(token·param)',
    'DPO reference-model forward FLOPs',
    ['flops.perToken.forward', 'dpo.sequencesPerPair'],
    '{flops.perToken.forward} × {dpo.sequencesPerPair}',
    product,
  ),
  derive(
    'dpo.flopsPerToken.policyForward',
    'FLOP/(token·param)',
    'DPO policy forward FLOPs',
    ['flops.perToken.forward', 'dpo.sequencesPerPair'],
    '{flops.perToken.forward} × {dpo.sequencesPerPair}',
    product,
  ),
  derive(
    'dpo.flopsPerToken.policyBackward',
    'FLOP/(token·param)',
    'DPO policy backward FLOPs',
    ['flops.perToken.backward', 'dpo.sequencesPerPair'],
    '{flops.perToken.backward} × {dpo.sequencesPerPair}',
    product,
  ),
  derive(
    'flops.perToken.dpo',
    'FLOP/(token·param)',
    'DPO FLOPs per token per parameter',
    [
      'dpo.flopsPerToken.reference',
      'dpo.flopsPerToken.policyForward',
      'dpo.flopsPerToken.policyBackward',
    ],
    '{dpo.flopsPerToken.reference} + {dpo.flopsPerToken.policyForward} + {dpo.flopsPerToken.policyBackward}',
    sum,
  ),
  derive(
    'dpo.pairs',
    'pairs',
    'Pairs DPO trains on',
    ['rlaif.pairs.m1', 'rlaif.pairs.m2', 'dpo.iterationsTrained'],
    '{rlaif.pairs.m1} + {rlaif.pairs.m2} if {dpo.iterationsTrained} = 2',
    (v) => at(v, 0) + (at(v, 2) >= 2 ? at(v, 1) : 0),
  ),
  ...stage('dpo', 'DPO', 'dpo.pairs', 'dpo.epochs', 'flops.perToken.dpo'),
]

const comparison = [
  derive(
    'synthetic.total',
    'USD',
    'Synthetic generation cost',
    ['sft.cost', 'inference.cost', 'dpo.cost'],
    '{sft.cost} + {inference.cost} + {dpo.cost}',
    sum,
  ),
  derive(
    'synthetic.costPerPair',
    'USD/pair',
    'Synthetic cost per pair',
    ['synthetic.total', 'rlaif.pairs.total'],
    '{synthetic.total} ÷ {rlaif.pairs.total}',
    ratio,
  ),
  derive(
    'human.cost.conservative',
    'USD',
    'Human cost of the synthetic pair count, lower bound',
    ['rlaif.pairs.total', 'human.price.conservative'],
    '{rlaif.pairs.total} × {human.price.conservative}',
    product,
  ),
  derive(
    'human.cost.realistic',
    'USD',
    'Human cost of the synthetic pair count, upper bound',
    ['rlaif.pairs.total', 'human.price.realistic'],
    '{rlaif.pairs.total} × {human.price.realistic}',
    product,
  ),
  derive(
    'llama2.humanCost.conservative',
    'USD',
    "Llama 2's human pairs at the lower price",
    ['llama2.humanPairs', 'human.price.conservative'],
    '{llama2.humanPairs} × {human.price.conservative}',
    product,
  ),
  derive(
    'llama2.humanCost.realistic',
    'USD',
    "Llama 2's human pairs at the upper price",
    ['llama2.humanPairs', 'human.price.realistic'],
    '{llama2.humanPairs} × {human.price.realistic}',
    product,
  ),
  derive(
    'ratio.conservative',
    '×',
    'Cost reduction, conservative',
    ['human.cost.conservative', 'synthetic.total'],
    '{human.cost.conservative} ÷ {synthetic.total}',
    ratio,
  ),
  derive(
    'ratio.realistic',
    '×',
    'Cost reduction, realistic',
    ['human.cost.realistic', 'synthetic.total'],
    '{human.cost.realistic} ÷ {synthetic.total}',
    ratio,
  ),
  derive(
    'price.reserved.discount',
    '%',
    'Reserved-instance discount',
    ['price.reserved', 'price.gpuHour'],
    '1 − {price.reserved} ÷ {price.gpuHour}',
    (v) => 1 - ratio(v),
  ),
  derive(
    'price.spot.discount',
    '%',
    'Spot discount',
    ['price.spot', 'price.gpuHour'],
    '1 − {price.spot} ÷ {price.gpuHour}',
    (v) => 1 - ratio(v),
  ),
]

// Every stage cost is proportional to the parameter count at a fixed throughput, so a size
// ratio is a cost ratio. Tests check this against the size scenarios.
const scaling = [
  derive(
    'scaling.small.savings',
    '×',
    'Cost saving of the small model',
    ['model.params', 'scaling.params.small'],
    '{model.params} ÷ {scaling.params.small}',
    ratio,
  ),
  derive(
    'scaling.medium.savings',
    '×',
    'Cost saving of the medium model',
    ['model.params', 'scaling.params.medium'],
    '{model.params} ÷ {scaling.params.medium}',
    ratio,
  ),
  derive(
    'scaling.large.premium',
    '×',
    'Cost premium of the large model',
    ['scaling.params.large', 'model.params'],
    '{scaling.params.large} ÷ {model.params}',
    ratio,
  ),
  derive('synthetic.fixedCost', 'USD', 'Fixed cost (SFT)', ['sft.cost'], '{sft.cost}', (v) =>
    at(v, 0),
  ),
  derive(
    'synthetic.variableCostPerPair',
    'USD/pair',
    'Variable cost per pair (inference and DPO)',
    ['inference.cost', 'dpo.cost', 'rlaif.pairs.total'],
    '({inference.cost} + {dpo.cost}) ÷ {rlaif.pairs.total}',
    (v) => (at(v, 0) + at(v, 1)) / at(v, 2),
  ),
  derive(
    'scaling.cost.small',
    'USD',
    'Synthetic cost of the small run',
    ['synthetic.fixedCost', 'synthetic.variableCostPerPair', 'scaling.pairs.small'],
    '{synthetic.fixedCost} + {synthetic.variableCostPerPair} × {scaling.pairs.small}',
    (v) => at(v, 0) + at(v, 1) * at(v, 2),
  ),
  derive(
    'scaling.cost.large',
    'USD',
    'Synthetic cost of the large run',
    ['synthetic.fixedCost', 'synthetic.variableCostPerPair', 'scaling.pairs.large'],
    '{synthetic.fixedCost} + {synthetic.variableCostPerPair} × {scaling.pairs.large}',
    (v) => at(v, 0) + at(v, 1) * at(v, 2),
  ),
  derive(
    'scaling.costRatio',
    '×',
    'Cost of the large run relative to the small',
    ['scaling.cost.large', 'scaling.cost.small'],
    '{scaling.cost.large} ÷ {scaling.cost.small}',
    ratio,
  ),
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
