/**
 * "Did you mean …?" for unknown figure ids, functions, scenarios, directive names and
 * attributes. Shared by the expression language and the modules around it.
 */

/**
 * Optimal-string-alignment distance: Levenshtein plus swaps of adjacent characters, because
 * `sft.cots` is a more common slip than any single insertion or deletion.
 */
export function editDistance(a: string, b: string): number {
  // Three rolling rows (two back for transpositions) keep memory linear in `b`.
  let before: number[] = []
  let previous: number[] = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current: number[] = [i]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let best = Math.min(
        (previous[j] ?? Number.POSITIVE_INFINITY) + 1,
        (current[j - 1] ?? Number.POSITIVE_INFINITY) + 1,
        (previous[j - 1] ?? Number.POSITIVE_INFINITY) + cost,
      )
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, (before[j - 2] ?? Number.POSITIVE_INFINITY) + 1)
      }
      current[j] = best
    }
    before = previous
    previous = current
  }
  return previous[b.length] ?? Number.POSITIVE_INFINITY
}

/** Distances up to a third of the longer name count as typos; anything further is a guess. */
function closeEnough(distance: number, a: string, b: string): boolean {
  return distance <= Math.max(1, Math.floor(Math.max(a.length, b.length) / 3))
}

function lastSegment(id: string): string {
  return id.slice(id.lastIndexOf('.') + 1)
}

/** The candidate nearest to `input` by case-insensitive distance; ties go to the smaller name. */
function nearest(input: string, candidates: readonly string[]): [string, number] | undefined {
  const target = input.toLowerCase()
  let best: [string, number] | undefined
  for (const candidate of candidates) {
    const distance = editDistance(target, candidate.toLowerCase())
    if (!best || distance < best[1] || (distance === best[1] && candidate < best[0])) {
      best = [candidate, distance]
    }
  }
  return best
}

/**
 * The candidate the author most plausibly meant by `input`, or undefined when nothing is close.
 * First a small edit distance over the whole name; failing that, a candidate whose last dotted
 * segment matches (`cost` or `foo.cost` → `sft.cost`), since authors remember the leaf name
 * better than the path to it.
 */
export function suggest(input: string, candidates: Iterable<string>): string | undefined {
  const pool = [...new Set(candidates)]
  const whole = nearest(input, pool)
  if (whole && closeEnough(whole[1], input, whole[0])) return whole[0]
  const leaf = lastSegment(input).toLowerCase()
  if (leaf === '') return undefined
  const sameLeaf = pool.filter((candidate) => lastSegment(candidate).toLowerCase() === leaf)
  return nearest(input, sameLeaf)?.[0]
}
