/** Every directive the pipeline knows, by name. */
import { check } from './check.ts'
import { derivation } from './derivation.ts'
import { listing } from './listing.ts'
import { scenario } from './scenario.ts'
import type { DirectiveSpec } from './spec.ts'
import { val } from './val.ts'

const all: readonly DirectiveSpec[] = [val, check, derivation, listing, scenario]

/** Directive specs by name; extended with `chart` by the charts stage. */
export const directiveRegistry: ReadonlyMap<string, DirectiveSpec> = new Map(
  all.map((spec) => [spec.name, spec]),
)

/** Registry plus extra specs (the chart directive needs build-time services). */
export function withDirectives(
  extra: readonly DirectiveSpec[],
): ReadonlyMap<string, DirectiveSpec> {
  return new Map([...directiveRegistry, ...extra.map((spec) => [spec.name, spec] as const)])
}
