/**
 * The model against the article: every figure the article prints, at its printed precision,
 * and the audit's totals for every scenario. Printed strings are copied from the seed article
 * (with its `x` written as `×`), so a change to the model that moves a printed number fails here.
 */
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { formatNumber } from '../../src/format/number.ts'
import { evaluateScenario } from '../../src/model/index.ts'

const published = evaluateScenario().evaluation
const shown = (id: string, format?: string) => {
  const f = published.figure(id)
  return formatNumber(f.value, format ?? f.format)
}

/** [figure id, the article's printed string, format if not the figure's default]. */
const printed: Array<[string, string, string?]> = [
  ['throughput.sustained', '135.6'],
  ['sft.examples', '4,830'],
  ['sft.tokens', '19.8M'],
  ['sft.flops', '8.3×10¹⁸'],
  ['sft.gpuHours', '17.0'],
  ['sft.cost', '$42.54'],
  ['rlaif.m1.prompts', '1,982'],
  ['rlaif.m1.responses', '7,928'],
  ['rlaif.m1.judgments', '7,928'],
  ['rlaif.m1.calls', '17,838'],
  ['rlaif.m2.prompts', '3,471'],
  ['rlaif.m2.responses', '13,884'],
  ['rlaif.m2.judgments', '13,884'],
  ['rlaif.m2.calls', '31,239'],
  ['inference.calls', '49,077'],
  ['inference.tokens', '201M'],
  ['inference.flops', '2.8×10¹⁹'],
  ['inference.gpuHours', '57.6'],
  ['inference.cost', '$144.09'],
  ['dpo.flopsPerToken.reference', '4'],
  ['dpo.flopsPerToken.policyForward', '4'],
  ['dpo.flopsPerToken.policyBackward', '8'],
  ['flops.perToken.dpo', '16'],
  ['dpo.tokens', '16.2M'],
  ['dpo.flops', '1.8×10¹⁹'],
  ['dpo.gpuHours', '37.2'],
  ['dpo.cost', '$93.11'],
  ['synthetic.total', '$279.74'],
  ['synthetic.total', '$280', 'usd0'],
  ['rlaif.pairs.total', '10,906'],
  ['rlaif.pairs.total', '11K', 'si2'],
  ['llama2.humanPairs', '1 million', 'words'],
  ['llama2.humanCost.conservative', '$300,000'],
  ['llama2.humanCost.realistic', '$1,500,000'],
  ['human.cost.conservative', '$3,272'],
  ['human.cost.realistic', '$16,359'],
  ['synthetic.costPerPair', '$0.026'],
  ['ratio.conservative', '11.7×'],
  ['price.reserved.discount', '40%'],
  ['price.spot.discount', '70%'],
  ['llama2.pretrain.gpuHours', '1,720,320'],
  ['llama2.pretrain.tokens', '2 trillion'],
  ['llama2.pretrain.tokens', '2×10¹²', 'sci'],
  ['llama2.params', '70×10⁹', 'eng'],
  ['model.params', '70B'],
  ['sequence.length', '4,096'],
  ['price.gpuHour', '$2.50'],
  ['human.price.conservative', '$0.30'],
  ['human.price.realistic', '$1.50'],
  ['flops.perToken.train', '6'],
  ['flops.perToken.forward', '2'],
  ['flops.perToken.backward', '4'],
]

describe('published scenario reproduces the article', () => {
  for (const [id, text, format] of printed) {
    test(`${id} prints ${text}`, () => assert.equal(shown(id, format), text))
  }

  test('the headline 11x and the 58x are the ratios truncated', () => {
    assert.equal(Math.floor(published.value('ratio.conservative')), 11)
    assert.equal(Math.floor(published.value('ratio.realistic')), 58)
  })

  test('realistic ratio is 58.5×, not the printed 58.4× (which divides by the rounded $280)', () => {
    assert.equal(shown('ratio.realistic'), '58.5×')
    const againstRounded = published.value('human.cost.realistic') / 280
    assert.equal(formatNumber(againstRounded, 'ratio'), '58.4×')
  })

  test('inference cost by operation sums to the inference cost', () => {
    const parts = ['inference.promptCost', 'inference.responseCost', 'inference.judgeCost'].map(
      (id) => published.value(id),
    )
    assert.ok(Math.abs(parts.reduce((a, b) => a + b) - published.value('inference.cost')) < 1e-9)
  })
})

/** The audit's totals and ratio bands (notes/model-audit.md §4), to the cent and to 0.1×. */
const audit: Array<[string, string, string, string]> = [
  ['published', '$279.74', '11.7×', '58.5×'],
  ['dpo-all-pairs', '$442.79', '7.4×', '36.9×'],
  ['paper-faithful', '$843.05', '3.9×', '19.4×'],
  ['paper-faithful-1k', '$210.76', '15.5×', '77.6×'],
  ['reserved', '$167.84', '19.5×', '97.5×'],
  ['spot', '$83.92', '39.0×', '194.9×'],
  ['size-7b', '$44.28', '73.9×', '369.4×'],
  ['size-13b', '$82.23', '39.8×', '198.9×'],
  ['size-175b', '$1,107', '3.0×', '14.8×'],
  ['h100', '$384.42', '8.5×', '42.6×'],
]

describe('scenarios reproduce the audit', () => {
  for (const [scenario, total, low, high] of audit) {
    test(`${scenario}: ${total}, ${low}–${high}`, () => {
      const e = evaluateScenario({ scenario }).evaluation
      assert.equal(formatNumber(e.value('synthetic.total'), 'usd'), total)
      assert.equal(formatNumber(e.value('ratio.conservative'), 'ratio'), low)
      assert.equal(formatNumber(e.value('ratio.realistic'), 'ratio'), high)
    })
  }

  test('size ratios equal the ratio of scenario totals (cost is linear in parameters)', () => {
    const base = evaluateScenario({ scenario: 'dpo-all-pairs' }).evaluation.value('synthetic.total')
    const total = (scenario: string) =>
      evaluateScenario({ scenario }).evaluation.value('synthetic.total')
    assert.ok(Math.abs(base / total('size-7b') - published.value('scaling.small.savings')) < 1e-9)
    assert.ok(Math.abs(base / total('size-13b') - published.value('scaling.medium.savings')) < 1e-9)
    assert.ok(Math.abs(total('size-175b') / base - published.value('scaling.large.premium')) < 1e-9)
  })

  test('the audit flags: 13B is 5.4× cheaper, 175B 2.5× dearer, 100K pairs 8.5× the 10K cost', () => {
    assert.equal(shown('scaling.medium.savings'), '5.4×')
    assert.equal(shown('scaling.large.premium'), '2.5×')
    assert.equal(shown('scaling.costRatio'), '8.5×')
  })
})
