/** Every directive the pipeline knows, by name. */
import { chart } from './chart.ts'
import { check } from './check.ts'
import { derivation } from './derivation.ts'
import {
  claimsTable,
  generatedSection,
  inputsTable,
  scenarioList,
  scenarioTable,
} from './generated.ts'
import { listing } from './listing.ts'
import { references } from './references.ts'
import { scenario } from './scenario.ts'
import type { DirectiveSpec } from './spec.ts'
import { val } from './val.ts'
import { whatif } from './whatif.ts'

const all: readonly DirectiveSpec[] = [
  val,
  check,
  derivation,
  listing,
  scenario,
  chart,
  generatedSection,
  scenarioTable,
  scenarioList,
  claimsTable,
  inputsTable,
  references,
  whatif,
]

/** Directive specs by name. */
export const directiveRegistry: ReadonlyMap<string, DirectiveSpec> = new Map(
  all.map((spec) => [spec.name, spec]),
)
