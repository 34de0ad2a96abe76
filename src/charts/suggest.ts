/** "Did you mean …?" suggestions for misspelt dataset and field names. */

/** Optimal-string-alignment distance (Levenshtein plus adjacent swaps, which typos often are). */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  )
  const at = (i: number, j: number): number => rows[i]?.[j] ?? Number.POSITIVE_INFINITY
  for (let i = 1; i <= a.length; i++) {
    const row = rows[i] ?? []
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, at(i - 2, j - 2) + 1)
      }
      row[j] = best
    }
  }
  return at(a.length, b.length)
}

/**
 * The closest candidate, or undefined when none is close enough to be a plausible typo. Case and
 * `_`/`-` differences are cheap because `costUsd` vs `cost_usd` is the common slip.
 */
export function closestMatch(name: string, candidates: readonly string[]): string | undefined {
  const normalise = (s: string): string => s.toLowerCase().replace(/[_\-\s]/g, '')
  const target = normalise(name)
  let best: string | undefined
  let bestDistance = Number.POSITIVE_INFINITY
  for (const candidate of candidates) {
    const distance = editDistance(target, normalise(candidate))
    // Ties go to the earlier candidate, so the suggestion does not depend on anything but input order.
    if (distance < bestDistance) {
      best = candidate
      bestDistance = distance
    }
  }
  const limit = Math.max(1, Math.floor(target.length / 3))
  return bestDistance <= limit ? best : undefined
}
