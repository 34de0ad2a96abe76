/**
 * The bibliography as the rest of the build sees it: which keys exist, how a citation reads in
 * the text (author–year) and where its entry is on the page.
 */

/** A parsed bibliography (content/references.bib). */
export interface Bibliography {
  /** Every key, in the order of the .bib file (the references list puts cited keys first). */
  keys(): readonly string[]
  has(key: string): boolean
  /** In-text label: `Touvron et al., 2023`. Throws for an unknown key. */
  label(key: string): string
  /** Fragment of the entry in the references list: `#ref-touvron2023`. */
  href(key: string): string
  /** The author part of the label: `Touvron et al.`, `Lee and Kim`, `NVIDIA`. */
  names(key: string): string
  /** The year part of the label, lettered when it would be ambiguous: `2023`, `2025a`, `n.d.` */
  year(key: string): string
  /** The entry as plain text, for the references list. Throws for an unknown key. */
  entry(key: string): ReferenceEntry
}

/** One author: a person (family and given names) or an organisation (`literal`). */
export interface Person {
  readonly family: string
  /** Given names as written (`Samuel R.`); empty for organisations and mononyms. */
  readonly given: string
  /** An organisation written `{NVIDIA}`: shown as is, never abbreviated. */
  readonly literal: boolean
}

/** A bibliography entry with every value converted from BibTeX to plain text. */
export interface ReferenceEntry {
  readonly key: string
  /** Entry type, lower case: `misc`, `article`, `manual`, `online`, `book`, … */
  readonly type: string
  readonly authors: readonly Person[]
  /** The author list ends in `and others`: the list shows "et al.". */
  readonly moreAuthors: boolean
  readonly title: string
  /** The year part of the label (see `Bibliography.year`). */
  readonly year: string
  /** Every field, by lower-case name, as plain text (`doi`, `url`, `note`, `edition`, …). */
  readonly fields: ReadonlyMap<string, string>
}
