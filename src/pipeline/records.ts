/**
 * What the pipeline records about a page besides its HTML: front matter, every number shown
 * (for figures.json), every claim (for the claims report), charts and the table of contents.
 */

/** Validated front matter. */
export interface Frontmatter {
  readonly title: string
  readonly date: string
  /** YYYY-MM-DD: when the article was last revised (feed, sitemap, metadata). */
  readonly updated?: string | undefined
  readonly summary: string
  readonly tags: readonly string[]
  readonly authors: readonly string[]
  readonly slug?: string | undefined
  /** Offset of the title's first character in the source, for positions of its directives. */
  readonly titleOffset: number
}

/**
 * A computed number as it appears on the page: made once, by the directive that shows it (or the
 * generated section that lists it). Its element, its popover, figures.json and the print
 * appendix are all made from this record; nothing is read back from HTML attributes.
 */
export interface ShownNumber {
  /** The expression as written (`sft.cost`, `floor(ratio.realistic)`), or a figure id. */
  readonly expression: string
  /** The figure the expression is, when it is a bare figure id; else undefined. */
  readonly figure: string | undefined
  readonly scenario: string
  readonly value: number
  readonly unit: string
  /** The format it was shown in (a named format or a d3-format specifier). */
  readonly format: string
  /** Text after the formatted value naming the unit (` GPU·h`), or empty. */
  readonly suffix: string
  readonly formatted: string
  /** Model figures the expression read, in order of first use. */
  readonly figures: readonly string[]
  /** The 90% interval over the Monte Carlo draws, when the page shows it (`{interval}`). */
  readonly interval?: ShownInterval
  /** A plain count of the setup (`1 epoch`): never marked on the page, still explained (`{plain}`). */
  readonly plain?: boolean
  /**
   * A generated table's cell under a scenario other than the page's: explained, with the other
   * scenarios' cells of the same figure, by one popover (pipeline/scenario-popover.ts).
   */
  readonly byScenario?: boolean
  /**
   * A model input's value in the inputs table, whose row says what it is, its note and source:
   * the row is its provenance, so it is text, not a button opening the same again.
   */
  readonly explainedBeside?: boolean
  /** Where it stands in the source; 0 for numbers the build generated. */
  readonly line: number
  readonly column: number
}

/** A number's spread over the draws, and how the page writes its interval. */
export interface ShownInterval {
  readonly p5: number
  readonly p50: number
  readonly p95: number
  readonly mean: number
  /** `25–120×` */
  readonly formatted: string
}

/** A `:check` claim and whether it holds. */
export interface Claim {
  /** The claim in words (the `claim` attribute), else its expression. */
  readonly claim: string
  readonly expression: string
  readonly scenario: string
  readonly holds: boolean
  readonly required: boolean
  /** The author keeps the wording although the claim fails (`{flag}`): marked, not an error. */
  readonly flagged: boolean
  /** The share of Monte Carlo draws in which it holds, from 0 to 1. */
  readonly probability?: number | undefined
  /** The probability the author requires (`p=0.9`), if any. */
  readonly minProbability?: number | undefined
  /** The figures it read, formatted, e.g. `ratio.conservative = 11.7×`. */
  readonly readings: readonly string[]
  /** The sentence the claim stands in, as plain text. */
  readonly context: string
  readonly line: number
  readonly column: number
}

/** A rendered chart of the page, written next to it as a standalone SVG. */
export interface ChartRecord {
  /** The figure's id, and the SVG's id prefix (`-narrow` added for the phone drawing). */
  readonly id: string
  readonly src: string
  readonly file: string
  readonly svg: string
  /** The Vega-Lite spec the drawing was drawn from (the fitted one, if any): redrawn in the page. */
  readonly drawn: Readonly<Record<string, unknown>>
  /** The model datasets it reads. */
  readonly datasets: readonly string[]
  readonly title: string
  readonly description: string
}

/** A heading for the table of contents. */
export interface TocHeading {
  readonly depth: 2 | 3
  readonly id: string
  readonly text: string
}

/** A chart placed on the page: its figure element and its spec, parsed once by `::chart`. */
export interface ChartSlot {
  readonly element: import('hast').Element
  readonly src: string
  /** The spec's source text, for mapping renderer errors back to line and column. */
  readonly text: string
  readonly spec: Readonly<Record<string, unknown>>
  readonly scenario: string
}

/** A generated table placed by a directive, filled once every claim of the page is known. */
export interface GeneratedSlot {
  readonly element: import('hast').Element
  readonly kind: 'scenario-table' | 'scenario-list' | 'claims-table' | 'inputs-table'
  readonly scenario: string
  /** Directive attributes (figure ids, column titles). */
  readonly attributes: Readonly<Record<string, string>>
}
