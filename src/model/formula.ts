/**
 * A derived figure's formula is also its dependency list: `{id}` marks each figure it reads, and
 * the order of first appearance is the order `compute` receives their values.
 */

const MARKER = /\{([^{}]+)\}/g

/** The figure ids a formula reads, in order of first appearance, each once. */
export function formulaDependencies(formula: string): string[] {
  return [...new Set([...formula.matchAll(MARKER)].map((m) => m[1] as string))]
}
