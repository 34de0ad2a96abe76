/**
 * Input distributions, as Squiggle and Guesstimate read them: a lognormal given its 90% interval
 * (`low to high`: the 5% and 95% quantiles), a uniform range, a triangle, or discrete values
 * with weights. Each is sampled through its quantile function, so a Latin-hypercube draw of u
 * in (0, 1) maps to a value directly.
 */
import { ModelError } from './errors.ts'
import type { InputDef, Uncertainty } from './types.ts'

/** z of the 95% quantile of the standard normal: a 90% interval spans ±1.6449σ. */
const Z95 = 1.6448536269514722

// Acklam's coefficients, as constants: made inside normalQuantile, the four arrays and their
// destructuring were made again for each of the ~200,000 draws of a build, in code too cold to
// optimise them away (a tenth of the cold build's allocation).
const [a0, a1, a2, a3, a4, a5] = [
  -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
  2.506628277459239,
] as const
const [b0, b1, b2, b3, b4] = [
  -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
] as const
const [c0, c1, c2, c3, c4, c5] = [
  -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734,
  4.374664141464968, 2.938163982698783,
] as const
const [d0, d1, d2, d3] = [
  0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416,
] as const

/** The standard normal's quantile function (Acklam's rational approximation, |error| < 1.2e-9). */
export function normalQuantile(p: number): number {
  const low = 0.02425
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p))
    return (
      (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) /
      ((((d0 * q + d1) * q + d2) * q + d3) * q + 1)
    )
  }
  if (p > 1 - low) {
    const q = Math.sqrt(-2 * Math.log(1 - p))
    return (
      -(((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) /
      ((((d0 * q + d1) * q + d2) * q + d3) * q + 1)
    )
  }
  const q = p - 0.5
  const r = q * q
  return (
    ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) /
    (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1)
  )
}

/** The standard normal's distribution function (Abramowitz–Stegun 7.1.26 on erf, |error| < 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2
  const t = 1 / (1 + 0.3275911 * x)
  const erf =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-x * x)
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2
}

/** The value of an input's distribution at quantile `u` in (0, 1). */
export function quantileOf(dist: Uncertainty, u: number): number {
  switch (dist.family) {
    case 'lognormal': {
      const mu = (Math.log(dist.low) + Math.log(dist.high)) / 2
      const sigma = (Math.log(dist.high) - Math.log(dist.low)) / (2 * Z95)
      return Math.exp(mu + sigma * normalQuantile(u))
    }
    case 'uniform':
      return dist.low + u * (dist.high - dist.low)
    case 'triangular': {
      const { low, mode, high } = dist
      const split = (mode - low) / (high - low)
      return u < split
        ? low + Math.sqrt(u * (high - low) * (mode - low))
        : high - Math.sqrt((1 - u) * (high - low) * (high - mode))
    }
    case 'discrete': {
      // Indexed loops: this runs for every draw, and iterators allocate in cold code.
      const { values, weights } = dist
      let total = 0
      for (let i = 0; i < weights.length; i++) total += weights[i] as number
      let cumulative = 0
      for (let i = 0; i < values.length; i++) {
        cumulative += (weights[i] ?? 0) / total
        if (u < cumulative) return values[i] as number
      }
      return dist.values[dist.values.length - 1] ?? Number.NaN
    }
  }
}

/** Checks a declared distribution against its input; throws ModelError naming the input. */
export function checkUncertainty(input: InputDef): void {
  const dist = input.uncertainty
  if (!dist) return
  const fail = (problem: string): never => {
    throw new ModelError('uncertainty-invalid', `Unexpected range of \`${input.id}\`: ${problem}`, {
      figure: input.id,
      hint: 'lognormal {low, high} (the 90% interval), uniform {low, high}, triangular {low, mode, high} or discrete {values, weights}',
    })
  }
  const inRange = (value: number): boolean => {
    const c = input.constraint
    if (!Number.isFinite(value)) return false
    if (c?.min !== undefined && value < c.min) return false
    if (c?.max !== undefined && value > c.max) return false
    if (c?.integer && !Number.isInteger(value)) return false
    return !(c?.oneOf && !c.oneOf.includes(value))
  }
  switch (dist.family) {
    case 'lognormal':
    case 'uniform':
    case 'triangular': {
      const points =
        dist.family === 'triangular' ? [dist.low, dist.mode, dist.high] : [dist.low, dist.high]
      if (!(dist.low < dist.high)) fail(`low ${dist.low} is not below high ${dist.high}`)
      if (dist.family === 'triangular' && !(dist.low <= dist.mode && dist.mode <= dist.high))
        fail(`mode ${dist.mode} is outside ${dist.low}–${dist.high}`)
      if (dist.family === 'lognormal' && dist.low <= 0) fail('a lognormal needs a positive low')
      const outside = points.find((p) => !inRange(p))
      if (outside !== undefined) fail(`${outside} is outside the values the input accepts`)
      return
    }
    case 'discrete': {
      if (dist.values.length === 0 || dist.values.length !== dist.weights.length)
        fail('discrete needs as many weights as values')
      if (dist.weights.some((w) => !(w >= 0 && w <= 1)))
        fail('each weight is a probability from 0 to 1')
      const total = dist.weights.reduce((s, w) => s + w, 0)
      if (Math.abs(total - 1) > 1e-9) fail(`the weights add up to ${total}, not 1`)
      const outside = dist.values.find((v) => !inRange(v))
      if (outside !== undefined) fail(`${outside} is outside the values the input accepts`)
      return
    }
    default:
      fail(`unknown family \`${(dist as { family: string }).family}\``)
  }
}

/** Checks every input's range and every correlation of a model; throws ModelError. */
export function checkRanges(
  inputs: readonly InputDef[],
  correlations: readonly import('./types.ts').Correlation[] = [],
): void {
  for (const input of inputs) checkUncertainty(input)
  for (const { inputs: pair, rank, note } of correlations) {
    const unknown = pair.find((id) => !inputs.some((i) => i.id === id && i.uncertainty))
    if (unknown !== undefined || !(rank >= -1 && rank <= 1) || pair[0] === pair[1])
      throw new ModelError(
        'uncertainty-invalid',
        `Unexpected correlation ${rank} of \`${pair.join('` and `')}\`, expected two different uncertain inputs and a rank from −1 to 1`,
        { figure: unknown ?? pair[0], hint: note },
      )
  }
}
