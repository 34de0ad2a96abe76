/**
 * What the pipeline records about a page besides its HTML: front matter, every number shown
 * (for figures.json), every claim (for the claims report), charts and the table of contents.
 */

/** Validated front matter. */
export interface Frontmatter {
  readonly title: string
  readonly date: string
  readonly summary: string
  readonly tags: readonly string[]
  readonly authors: readonly string[]
  readonly slug?: string | undefined
  /** Offset of the title's first character in the source, for positions of its directives. */
  readonly titleOffset: number
}

/** A computed number as it appears on the page. */
export interface ShownFigure {
  readonly expression: string
  readonly scenario: string
  readonly value: number
  readonly unit: string
  readonly formatted: string
  /** Model figures the expression read. */
  readonly figures: readonly string[]
  readonly line: number
  readonly column: number
}

/** A `:check` claim and whether it holds. */
export interface Claim {
  /** The claim in words (the `claim` attribute), else its expression. */
  readonly claim: string
  readonly expression: string
  readonly scenario: string
  readonly holds: boolean
  readonly required: boolean
  /** The figures it read, formatted, e.g. `ratio.conservative = 11.7×`. */
  readonly readings: readonly string[]
  /** The sentence the claim stands in, as plain text. */
  readonly context: string
  readonly line: number
  readonly column: number
}

/** A chart on the page. */
export interface ChartRecord {
  readonly id: string
  readonly src: string
  readonly file: string
  readonly svg: string
}

/** A heading for the table of contents. */
export interface TocEntry {
  readonly depth: 2 | 3
  readonly id: string
  readonly text: string
}
