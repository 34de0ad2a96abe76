/**
 * The shapes of the cost model: inputs (named parameters with units and sources), derived
 * figures (formulas over other figures), scenarios (named input overrides) and the result of
 * evaluating them (every figure with its provenance).
 */
import type { UnitSymbol } from './units.ts'

/** A named model parameter taken from outside the model. */
export interface InputDef {
  readonly id: string
  readonly value: number
  readonly unit: UnitSymbol
  /** Short human name ("price per GPU-hour"). */
  readonly label: string
  /** Citation key into content/references.bib. */
  readonly source: string
  /** Where in the source, or why this value: one line. */
  readonly note: string
  /** Accepted range, checked for overrides (`--set`, scenarios). */
  readonly constraint?: InputConstraint
  /** Display format when the unit's default does not suit (see src/format). */
  readonly format?: string
}

/** Which values an input accepts. */
export interface InputConstraint {
  readonly min?: number
  readonly max?: number
  readonly integer?: boolean
  readonly oneOf?: readonly number[]
}

/** A function of the appendix called with figure values, shown as a call in listings. */
export interface FormulaCall {
  /** Exported name in src/model/formulas.ts. */
  readonly fn: string
  /** Figure ids passed as the positional arguments. */
  readonly args: readonly string[]
}

/** A figure computed from other figures. */
export interface DerivedDef {
  readonly id: string
  readonly unit: UnitSymbol
  readonly label: string
  /** Figures this one reads, in the order `compute` receives them. */
  readonly deps: readonly string[]
  /** Readable formula; `{id}` marks where a dependency's value goes. */
  readonly formula: string
  readonly compute: (values: readonly number[]) => number
  /** Display format when the unit's default does not suit (see src/format). */
  readonly format?: string
}

/** A named set of input overrides. */
export interface ScenarioDef {
  readonly name: string
  readonly label: string
  /** One paragraph: what changes and why. */
  readonly description: string
  /** Another scenario whose overrides apply first. */
  readonly extends?: string
  readonly overrides: Readonly<Record<string, ScenarioOverride>>
}

/** A changed input: a new value, or the value of another input, with the reason for it. */
export type ScenarioOverride =
  | { readonly value: number; readonly source: string; readonly note: string }
  | { readonly from: string; readonly note: string }

/** Where an evaluated figure's value came from. */
export type Provenance =
  | {
      readonly kind: 'input'
      readonly source: string
      readonly note: string
      readonly overridden: boolean
    }
  | {
      readonly kind: 'derived'
      readonly formula: string
      readonly deps: readonly string[]
      readonly call?: FormulaCall
    }

/** One figure of an evaluated model. */
export interface Figure {
  readonly id: string
  readonly value: number
  readonly unit: UnitSymbol
  readonly label: string
  /** Default display format: the figure's own, else its unit's. */
  readonly format: string
  readonly provenance: Provenance
}
