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
  /** How uncertain the value is: a distribution and where the range comes from. */
  readonly uncertainty?: Uncertainty
}

/** Where a range comes from: a citation key (or `author`) and a note. */
interface RangeSource {
  readonly source: string
  readonly note: string
}

/**
 * An input's distribution. `lognormal` takes its 90% interval (5% and 95% quantiles), as
 * Squiggle reads `low to high`; `uniform` and `triangular` their full range; `discrete` values
 * with weights that add up to 1.
 */
export type Uncertainty = RangeSource &
  (
    | { readonly family: 'lognormal'; readonly low: number; readonly high: number }
    | { readonly family: 'uniform'; readonly low: number; readonly high: number }
    | {
        readonly family: 'triangular'
        readonly low: number
        readonly mode: number
        readonly high: number
      }
    | {
        readonly family: 'discrete'
        readonly values: readonly number[]
        readonly weights: readonly number[]
      }
  )

/** Two inputs that move together: a Spearman rank correlation from −1 to 1, with its reason. */
export interface Correlation {
  readonly inputs: readonly [string, string]
  readonly rank: number
  readonly note: string
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
  /** Figures this one reads: the formula's `{id}` markers, in the order `compute` receives them. */
  readonly deps: readonly string[]
  /** Readable formula; `{id}` marks where a dependency's value goes. */
  readonly formula: string
  /** The value from the dependencies' values, one parameter each (or variadic). */
  readonly compute: (...values: number[]) => number
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

/** One chart dataset: rows of plain values, computed from the model. */
export interface Dataset {
  readonly rows: ReadonlyArray<Readonly<Record<string, string | number>>>
}

/** Evaluates the model under a scenario plus extra input values (for chart sweeps). */
export type DatasetEvaluator = (
  scenario: string,
  extra?: ReadonlyMap<string, number>,
) => import('./evaluate.ts').Evaluation

/** The Monte Carlo draws a dataset may read (uncertainty charts). */
export interface DatasetDraws {
  sample(scenario: string): import('./sampling.ts').Sample
  tornado(output: string, scenario: string): import('./sampling.ts').TornadoBar[]
}

/** Computes one named dataset; `scenarios` is the model's list, in display order. */
export type DatasetBuilder = (
  evaluate: DatasetEvaluator,
  scenarios: readonly ScenarioDef[],
  draws: DatasetDraws,
) => Dataset

/**
 * A whole cost model as the build receives it: inputs, derived figures, scenarios, chart
 * datasets and the functions its code listings show. `build()` takes one of these; the
 * article's is `articleCostModel` in article.ts, and a test brings a tiny one of its own.
 */
export interface CostModel {
  readonly inputs: readonly InputDef[]
  readonly derived: readonly DerivedDef[]
  readonly scenarios: readonly ScenarioDef[]
  /** The scenario pages are built under unless `--scenario` says otherwise. */
  readonly defaultScenario: string
  readonly datasets: Readonly<Record<string, DatasetBuilder>>
  /** Figures that sum up the article (headline tables, the what-if summary), most important first. */
  readonly headline: readonly string[]
  /** Pairs of uncertain inputs that move together in the Monte Carlo sampling. */
  readonly correlations?: readonly Correlation[]
  /** Folder of the model's source (`src/model`), hashed into the page footer; else its data is. */
  readonly sourceDir?: string
  /** Functions `::listing` may show, with the file they are cut from. */
  readonly listings?: {
    /** Path of their source, relative to the project root (`src/model/formulas.ts`). */
    readonly source: string
    readonly functions: Readonly<Record<string, (...args: number[]) => number>>
    /** Figures a listed function computes in one call, with the figures it is called with. */
    readonly calls: Readonly<Record<string, FormulaCall>>
  }
}
