/**
 * Named scenarios: sets of input overrides. `published` is the article as printed; the others
 * are the corrections and variations of notes/model-audit.md, so readers can see how far the
 * conclusion holds.
 */
import type { ScenarioDef } from './types.ts'

/** The scenario a build uses unless told otherwise. */
export const DEFAULT_SCENARIO = 'published'

const allPairs = {
  value: 2,
  source: 'yuan2024',
  note: "The paper trains M2 on M1's pairs and M3 on M2's: DPO runs on every pair",
} as const

/** Every scenario, in the order robustness tables list them. */
export const scenarioDefs: readonly ScenarioDef[] = [
  {
    name: 'published',
    label: 'As published',
    description: 'The article as printed: its inputs, with DPO costed on M1’s pairs only.',
    overrides: {},
  },
  {
    name: 'dpo-all-pairs',
    label: 'DPO on all pairs',
    description:
      'DPO trains on every generated pair, as in the paper (M2 on M1’s pairs, M3 on M2’s).',
    overrides: { 'dpo.iterationsTrained': allPairs },
  },
  {
    name: 'paper-faithful',
    label: 'Paper-faithful counts',
    description:
      'One prompt per pair (a lower bound: ties are discarded), three judge samples per response, DPO on all pairs.',
    extends: 'dpo-all-pairs',
    overrides: {
      'rlaif.promptsPerPair': {
        value: 1,
        source: 'yuan2024',
        note: 'Each prompt yields at most one pair',
      },
      'rlaif.judgeSamples': {
        value: 3,
        source: 'yuan2024',
        note: 'Each judgment is sampled three times and averaged',
      },
    },
  },
  {
    name: 'paper-faithful-1k',
    label: 'Paper-faithful, 1,024 tokens',
    description:
      'Paper-faithful counts with sequences of 1,024 tokens instead of the 4,096-token maximum context.',
    extends: 'paper-faithful',
    overrides: {
      'sequence.length': {
        value: 1024,
        source: 'lee2024',
        note: 'Judge prompts average about 830 tokens in and 61 out',
      },
    },
  },
  {
    name: 'reserved',
    label: 'Reserved instances',
    description: 'The article’s reserved-instance GPU price.',
    overrides: { 'price.gpuHour': { from: 'price.reserved', note: 'Reserved-instance price' } },
  },
  {
    name: 'spot',
    label: 'Spot instances',
    description: 'The article’s spot GPU price.',
    overrides: { 'price.gpuHour': { from: 'price.spot', note: 'Spot price' } },
  },
  {
    name: 'size-7b',
    label: '7B model',
    description: 'A 7B model at the same utilisation, DPO on all pairs.',
    extends: 'dpo-all-pairs',
    overrides: { 'model.params': { from: 'scaling.params.small', note: 'Llama 2 7B' } },
  },
  {
    name: 'size-13b',
    label: '13B model',
    description: 'A 13B model at the same utilisation, DPO on all pairs.',
    extends: 'dpo-all-pairs',
    overrides: { 'model.params': { from: 'scaling.params.medium', note: 'Llama 2 13B' } },
  },
  {
    name: 'size-175b',
    label: '175B model',
    description: 'A 175B model at the same utilisation, DPO on all pairs.',
    extends: 'dpo-all-pairs',
    overrides: { 'model.params': { from: 'scaling.params.large', note: 'GPT-3 scale' } },
  },
  {
    name: 'h100',
    label: 'H100 at p5 prices',
    description:
      'H100 GPUs at the anchor run’s utilisation, priced as AWS p5 after the June 2025 price cut, DPO on all pairs.',
    extends: 'dpo-all-pairs',
    overrides: {
      'hardware.peak': { value: 989, source: 'nvidiaH100', note: 'H100 SXM dense BF16 peak' },
      'price.gpuHour': {
        value: 6.88,
        source: 'awsPriceCut2025',
        note: 'p5.48xlarge per GPU-hour after the cut',
      },
    },
  },
]
