/**
 * Every quantity the article takes from outside its model, with its source. Values are the
 * article's (the `published` scenario); scenarios override them. Citation keys refer to
 * content/references.bib; `author` marks the article author's own estimate or assumption.
 */
import { SECONDS_PER_HOUR, TRAINING_FLOPS_PER_TOKEN } from './formulas.ts'
import type { Correlation, InputConstraint, InputDef, Uncertainty } from './types.ts'
import type { UnitSymbol } from './units.ts'

const positive: InputConstraint = { min: Number.MIN_VALUE }
const count: InputConstraint = { min: 0, integer: true }
const share: InputConstraint = { min: 0, max: 1 }

/** An input, defined once: its value, unit, label, source and note, and the values it accepts. */
function input(def: {
  readonly id: string
  readonly value: number
  readonly unit: UnitSymbol
  readonly label: string
  /** Citation key into content/references.bib, or `author`. */
  readonly source: string
  readonly note: string
  /** Accepted values (default: positive). */
  readonly constraint?: InputConstraint
}): InputDef {
  return { ...def, constraint: def.constraint ?? positive }
}

/** Llama 2's pre-training run, the anchor for sustained GPU throughput. */
const anchor = [
  input({
    id: 'llama2.pretrain.tokens',
    value: 2e12,
    unit: 'tokens',
    label: 'Llama 2 pre-training tokens',
    source: 'touvron2023',
    note: '§2.1: "trained on 2 trillion tokens of data"',
  }),
  input({
    id: 'llama2.pretrain.gpuHours',
    value: 1_720_320,
    unit: 'GPU·h',
    label: 'Llama 2 70B pre-training GPU-hours',
    source: 'touvron2023',
    note: 'Table 2, 70B row, A100-80GB',
  }),
  input({
    id: 'llama2.params',
    value: 70e9,
    unit: 'params',
    label: 'Llama 2 70B parameters (nominal)',
    source: 'touvron2023',
    note: 'Nominal size; the checkpoint has 68,976,648,192',
  }),
  input({
    id: 'hardware.anchorPeak',
    value: 312,
    unit: 'TFLOP/s',
    label: 'A100 dense BF16 peak',
    source: 'nvidiaA100',
    note: 'Peak of the GPU the anchor run used; with the sustained rate it gives the utilisation',
  }),
  input({
    id: 'hardware.peak',
    value: 312,
    unit: 'TFLOP/s',
    label: 'Peak of the GPU being priced',
    source: 'nvidiaA100',
    note: 'A100, as on AWS p4d; the H100 scenario changes it',
  }),
  input({
    id: 'const.secondsPerHour',
    value: SECONDS_PER_HOUR,
    unit: 's/h',
    label: 'Seconds per hour',
    source: 'si',
    note: 'Unit conversion',
  }),
]

/** FLOPs per token per parameter. */
const flops = [
  input({
    id: 'flops.perToken.train',
    value: TRAINING_FLOPS_PER_TOKEN,
    unit: 'FLOP/(token·param)',
    label: 'Training FLOPs per token per parameter',
    source: 'kaplan2020',
    note: '2 forward + 4 backward (C ≈ 6ND)',
  }),
  input({
    id: 'flops.perToken.forward',
    value: 2,
    unit: 'FLOP/(token·param)',
    label: 'Forward-pass FLOPs per token per parameter',
    source: 'kaplan2020',
    note: 'Inference runs the forward pass only',
  }),
  input({
    id: 'dpo.sequencesPerPair',
    value: 2,
    unit: 'count',
    label: 'Sequences per DPO pair',
    source: 'yuan2024',
    note: 'The chosen and the rejected response',
    constraint: count,
  }),
]

/** The Self-Rewarding pipeline being costed. */
const pipeline = [
  input({
    id: 'model.params',
    value: 70e9,
    unit: 'params',
    label: 'Parameters of the aligned model',
    source: 'yuan2024',
    note: 'Self-Rewarding fine-tunes Llama 2 70B',
  }),
  input({
    id: 'sequence.length',
    value: 4096,
    unit: 'tokens',
    label: 'Tokens per sequence',
    source: 'author',
    note: "Llama 2's maximum context, used for every example and call: an upper bound",
  }),
  input({
    id: 'price.gpuHour',
    value: 2.5,
    unit: 'USD/GPU·h',
    label: 'Price per GPU-hour',
    source: 'awsP4d',
    note: 'The article\'s "AWS p4d.24xlarge pricing"; matches none of AWS\'s published rates exactly',
  }),
  input({
    id: 'inference.relativeThroughput',
    value: 1,
    unit: 'count',
    label: 'Inference throughput relative to training',
    source: 'author',
    note: 'The article runs inference at the training throughput; decoding is memory-bound and runs below it',
  }),
  input({
    id: 'sft.iftExamples',
    value: 3200,
    unit: 'examples',
    label: 'Instruction-following seed examples (IFT)',
    source: 'yuan2024',
    note: 'Open Assistant seed data',
    constraint: count,
  }),
  input({
    id: 'sft.eftExamples',
    value: 1630,
    unit: 'examples',
    label: 'Evaluation seed examples (EFT)',
    source: 'yuan2024',
    note: 'Training split in later arXiv versions (v1: 1,775)',
    constraint: count,
  }),
  input({
    id: 'sft.epochs',
    value: 1,
    unit: 'count',
    label: 'SFT epochs',
    source: 'author',
    note: 'Assumed; the paper does not say',
    constraint: positive,
  }),
  input({
    id: 'rlaif.pairs.m1',
    value: 3964,
    unit: 'pairs',
    label: 'Preference pairs generated by M1',
    source: 'yuan2024',
    note: 'AIFT(M1)',
    constraint: count,
  }),
  input({
    id: 'rlaif.pairs.m2',
    value: 6942,
    unit: 'pairs',
    label: 'Preference pairs generated by M2',
    source: 'yuan2024',
    note: 'AIFT(M2)',
    constraint: count,
  }),
  input({
    id: 'rlaif.promptsPerPair',
    value: 0.5,
    unit: 'calls/pair',
    label: 'Prompt generations per pair',
    source: 'author',
    note: 'The article assumes pairs ÷ 2; in the paper each prompt yields at most one pair',
  }),
  input({
    id: 'rlaif.candidatesPerPrompt',
    value: 4,
    unit: 'count',
    label: 'Candidate responses per prompt',
    source: 'yuan2024',
    note: 'N = 4',
    constraint: count,
  }),
  input({
    id: 'rlaif.judgeSamples',
    value: 1,
    unit: 'count',
    label: 'Judgments per response',
    source: 'author',
    note: 'The paper samples each judgment three times and averages',
    constraint: count,
  }),
  input({
    id: 'dpo.iterationsTrained',
    value: 1,
    unit: 'count',
    label: 'DPO iterations costed',
    source: 'author',
    note: "The article costs DPO on M1's pairs only; the paper trains M2 on them and M3 on M2's",
    constraint: { oneOf: [1, 2] },
  }),
  input({
    id: 'dpo.epochs',
    value: 1,
    unit: 'count',
    label: 'DPO epochs',
    source: 'author',
    note: 'Assumed',
    constraint: positive,
  }),
]

/** The human-annotation side. */
const human = [
  input({
    id: 'human.price.conservative',
    value: 0.3,
    unit: 'USD/pair',
    label: 'Human price per pair, lower bound',
    source: 'lee2024',
    note: 'Simple binary comparisons by non-experts; Lee et al. estimate $0.67',
  }),
  input({
    id: 'human.price.realistic',
    value: 1.5,
    unit: 'USD/pair',
    label: 'Human price per pair, upper bound',
    source: 'lee2024',
    note: 'Complex evaluations with quality control',
  }),
  input({
    id: 'llama2.humanPairs',
    value: 1e6,
    unit: 'pairs',
    label: "Llama 2's human preference pairs",
    source: 'touvron2023',
    note: '"over 1 million binary comparisons"; Table 6 lists 1,418,091',
    constraint: count,
  }),
]

/** Prices, sizes and market facts quoted in the prose. */
const quoted = [
  input({
    id: 'price.reserved',
    value: 1.5,
    unit: 'USD/GPU·h',
    label: 'Reserved-instance price per GPU-hour',
    source: 'author',
    note: 'Approximate; not checked against AWS',
  }),
  input({
    id: 'price.spot',
    value: 0.75,
    unit: 'USD/GPU·h',
    label: 'Spot price per GPU-hour',
    source: 'author',
    note: 'Approximate; AWS spot was about $1.34 at the time',
  }),
  input({
    id: 'scaling.params.small',
    value: 7e9,
    unit: 'params',
    label: 'Smaller model, low end',
    source: 'touvron2023',
    note: 'Llama 2 7B',
  }),
  input({
    id: 'scaling.params.medium',
    value: 13e9,
    unit: 'params',
    label: 'Smaller model, high end',
    source: 'touvron2023',
    note: 'Llama 2 13B',
  }),
  input({
    id: 'scaling.params.large',
    value: 175e9,
    unit: 'params',
    label: 'Larger model',
    source: 'author',
    note: 'GPT-3 scale',
  }),
  input({
    id: 'scaling.pairs.small',
    value: 10_000,
    unit: 'pairs',
    label: 'Pairs in the small run of the scaling claim',
    source: 'author',
    note: '"the 10K cost"',
    constraint: count,
  }),
  input({
    id: 'scaling.pairs.large',
    value: 100_000,
    unit: 'pairs',
    label: 'Pairs in the large run of the scaling claim',
    source: 'author',
    note: '"generating 100K preference pairs"',
    constraint: count,
  }),
  input({
    id: 'market.simple.low',
    value: 0.2,
    unit: 'USD/pair',
    label: 'Simple annotation task, low',
    source: 'author',
    note: 'Attributed to Scale AI; not verified',
  }),
  input({
    id: 'market.simple.high',
    value: 0.5,
    unit: 'USD/pair',
    label: 'Simple annotation task, high',
    source: 'author',
    note: 'Attributed to Scale AI; not verified',
  }),
  input({
    id: 'market.expert.min',
    value: 2,
    unit: 'USD/pair',
    label: 'Expert or multi-dimensional review, from',
    source: 'author',
    note: 'Attributed to Scale AI; not verified',
  }),
  input({
    id: 'market.domainExpert.low',
    value: 5,
    unit: 'USD/pair',
    label: 'Domain experts, low',
    source: 'author',
    note: 'Not verified',
  }),
  input({
    id: 'market.domainExpert.high',
    value: 50,
    unit: 'USD/pair',
    label: 'Domain experts, high',
    source: 'author',
    note: 'Not verified',
  }),
  input({
    id: 'market.specialist.min',
    value: 100,
    unit: 'USD/pair',
    label: 'Rare specialists, from',
    source: 'author',
    note: 'Not verified',
  }),
  input({
    id: 'market.platformMarkup.low',
    value: 0.2,
    unit: '%',
    label: 'Annotation platform markup, low',
    source: 'author',
    note: 'Not verified',
    constraint: share,
  }),
  input({
    id: 'market.platformMarkup.high',
    value: 0.3,
    unit: '%',
    label: 'Annotation platform markup, high',
    source: 'author',
    note: 'Not verified',
    constraint: share,
  }),
  input({
    id: 'timeline.collection.low',
    value: 2,
    unit: 'weeks',
    label: 'Data collection for 10,906 pairs, low',
    source: 'author',
    note: 'Not verified',
  }),
  input({
    id: 'timeline.collection.high',
    value: 4,
    unit: 'weeks',
    label: 'Data collection, high',
    source: 'author',
    note: 'Not verified',
  }),
  input({
    id: 'timeline.total.low',
    value: 4,
    unit: 'weeks',
    label: 'Total human-annotation timeline, low',
    source: 'author',
    note: 'Not verified',
  }),
  input({
    id: 'timeline.total.high',
    value: 6,
    unit: 'weeks',
    label: 'Total human-annotation timeline, high',
    source: 'author',
    note: 'Not verified',
  }),
  input({
    id: 'claimed.smallModelSavings',
    value: 10,
    unit: '×',
    label: 'Claimed saving for 7B–13B models',
    source: 'author',
    note: 'The article\'s "~10x cheaper"',
  }),
  input({
    id: 'claimed.largeModelPremium',
    value: 3,
    unit: '×',
    label: 'Claimed premium for 175B+ models',
    source: 'author',
    note: 'The article\'s "~3x more expensive"',
  }),
  input({
    id: 'claimed.linearScaling',
    value: 10,
    unit: '×',
    label: 'Claimed cost of 100K pairs relative to 10K',
    source: 'author',
    note: 'The article\'s "roughly 10x"',
  }),
]

/** Inputs whose unit's default format does not read well in prose. */
const displayFormats: Readonly<Record<string, string>> = {
  'llama2.pretrain.tokens': 'words',
  'hardware.anchorPeak': 'int',
  'hardware.peak': 'int',
  'sequence.length': 'int',
  'scaling.pairs.small': 'si',
  'scaling.pairs.large': 'si',
  'claimed.smallModelSavings': 'ratio0',
  'claimed.largeModelPremium': 'ratio0',
  'claimed.linearScaling': 'ratio0',
}

/**
 * How uncertain the disputed inputs are (notes/model-audit.md): a distribution and where its
 * range comes from. The published value stays each input's point value.
 */
const ranges: Readonly<Record<string, Uncertainty>> = {
  'price.gpuHour': {
    family: 'lognormal',
    low: 1.34,
    high: 4.1,
    source: 'awsP4d',
    note: 'p4d per GPU-hour: about $1.34 on spot, $4.10 on demand in 2024 ($2.745 after the June 2025 cut)',
  },
  'human.price.conservative': {
    family: 'lognormal',
    low: 0.2,
    high: 0.67,
    source: 'lee2024',
    note: 'From the $0.20 of simple platform tasks to Lee et al.’s $0.67 per human label',
  },
  'human.price.realistic': {
    family: 'lognormal',
    low: 0.67,
    high: 2.5,
    source: 'lee2024',
    note: 'From Lee et al.’s $0.67 to expert review above $2 per pair (author’s judgement)',
  },
  'inference.relativeThroughput': {
    family: 'triangular',
    low: 0.25,
    mode: 0.6,
    high: 1,
    source: 'author',
    note: 'Author’s judgement: decoding is memory-bound and runs below training’s 43% utilisation; 1 is the article’s assumption',
  },
  'sequence.length': {
    family: 'uniform',
    low: 1024,
    high: 4096,
    source: 'lee2024',
    note: 'Judge prompts average about 830 tokens in and 61 out; 4,096 is the maximum context',
  },
  'rlaif.judgeSamples': {
    family: 'discrete',
    values: [1, 3],
    weights: [0.5, 0.5],
    source: 'yuan2024',
    note: 'The article costs one judgment per response; the paper samples three and averages',
  },
  'dpo.iterationsTrained': {
    family: 'discrete',
    values: [1, 2],
    weights: [0.5, 0.5],
    source: 'yuan2024',
    note: 'DPO on M1’s 3,964 pairs as the article costs it, or on all 10,906 as the paper trains',
  },
}

/** All inputs, in the order tables list them. */
export const inputDefs: readonly InputDef[] = [
  ...anchor,
  ...flops,
  ...pipeline,
  ...human,
  ...quoted,
].map((def) => {
  const format = displayFormats[def.id]
  const uncertainty = ranges[def.id]
  return { ...def, ...(format ? { format } : {}), ...(uncertainty ? { uncertainty } : {}) }
})

/** Uncertain inputs that move together in the sampling. */
export const correlations: readonly Correlation[] = [
  {
    inputs: ['human.price.conservative', 'human.price.realistic'],
    rank: 0.6,
    note: 'Both bounds follow the same annotation market',
  },
]
