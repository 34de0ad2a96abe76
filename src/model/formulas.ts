/**
 * The cost formulas of the article's technical appendix, as pure functions with the same
 * semantics as its Python (`calculate_total_tokens` → `calculateTotalTokens`, …).
 * Unit aliases document what each number measures; the build shows these functions'
 * source as the article's code listings, so the code a reader sees is the code that ran.
 */

/** A count of tokens. */
export type Tokens = number
/** A count of floating-point operations. */
export type Flops = number
/** Throughput in 10¹² FLOP per second per GPU. */
export type TflopsPerSecond = number
/** GPU time in GPU-hours. */
export type GpuHours = number
/** Money in US dollars. */
export type Usd = number
/** Price of one GPU-hour in US dollars. */
export type UsdPerGpuHour = number
/** A parameter count. */
export type Parameters = number

/** Seconds in an hour: converts FLOP/s throughput into GPU-hours. */
export const SECONDS_PER_HOUR = 3600

/** FLOPs per token per parameter for one training step (2 forward + 4 backward). */
export const TRAINING_FLOPS_PER_TOKEN = 6

/** Total tokens processed: examples × sequence length × epochs. */
export function calculateTotalTokens(
  numExamples: number,
  sequenceLength: Tokens,
  epochs: number,
): Tokens {
  return numExamples * sequenceLength * epochs
}

/** Total computational workload: tokens × parameters × FLOPs per token per parameter. */
export function calculateTotalFlops(
  totalTokens: Tokens,
  modelParameters: Parameters,
  flopsPerTokenFactor: number = TRAINING_FLOPS_PER_TOKEN,
): Flops {
  return totalTokens * modelParameters * flopsPerTokenFactor
}

/** Sustained TFLOP/s per GPU implied by a known training run. */
export function calculateSustainedPerformanceTflops(
  totalFlops: Flops,
  gpuHours: GpuHours,
): TflopsPerSecond {
  if (gpuHours === 0) return Number.POSITIVE_INFINITY
  const gpuSeconds = gpuHours * SECONDS_PER_HOUR
  const sustainedFlops = totalFlops / gpuSeconds
  return sustainedFlops / 1e12
}

/** GPU-hours needed for a workload at a sustained throughput. */
export function calculateGpuHours(
  totalFlops: Flops,
  sustainedPerformanceTflops: TflopsPerSecond,
): GpuHours {
  const sustainedFlops = sustainedPerformanceTflops * 1e12
  const gpuSeconds = totalFlops / sustainedFlops
  return gpuSeconds / SECONDS_PER_HOUR
}

/** Dollar cost of GPU time. */
export function calculateCost(gpuHours: GpuHours, pricePerHour: UsdPerGpuHour): Usd {
  return gpuHours * pricePerHour
}

/** Cost of supervised fine-tuning (6 FLOPs per token per parameter). */
export function calculateSftCost(
  numExamples: number,
  sequenceLength: Tokens,
  epochs: number,
  modelParameters: Parameters,
  sustainedPerformanceTflops: TflopsPerSecond,
  pricePerHour: UsdPerGpuHour,
): Usd {
  const sftTokens = calculateTotalTokens(numExamples, sequenceLength, epochs)
  const sftFlops = calculateTotalFlops(sftTokens, modelParameters)
  const sftGpuHours = calculateGpuHours(sftFlops, sustainedPerformanceTflops)
  return calculateCost(sftGpuHours, pricePerHour)
}

/** Cost of inference: one forward pass, 2 FLOPs per token per parameter. */
export function calculateForwardPassCost(
  numExamples: number,
  sequenceLength: Tokens,
  modelParameters: Parameters,
  sustainedPerformanceTflops: TflopsPerSecond,
  pricePerHour: UsdPerGpuHour,
): Usd {
  const forwardPassTokens = calculateTotalTokens(numExamples, sequenceLength, 1)
  const forwardPassFlops = calculateTotalFlops(forwardPassTokens, modelParameters, 2)
  const forwardPassGpuHours = calculateGpuHours(forwardPassFlops, sustainedPerformanceTflops)
  return calculateCost(forwardPassGpuHours, pricePerHour)
}

/** Cost of DPO training: 16 FLOPs per token per parameter (see the article's breakdown). */
export function calculateDpoCost(
  numExamples: number,
  sequenceLength: Tokens,
  epochs: number,
  modelParameters: Parameters,
  sustainedPerformanceTflops: TflopsPerSecond,
  pricePerHour: UsdPerGpuHour,
  numRounds = 1,
): Usd {
  const dpoTokens = calculateTotalTokens(numExamples, sequenceLength, epochs)
  const dpoFlops = calculateTotalFlops(dpoTokens, modelParameters, 16) * numRounds
  const dpoGpuHours = calculateGpuHours(dpoFlops, sustainedPerformanceTflops)
  return calculateCost(dpoGpuHours, pricePerHour)
}
