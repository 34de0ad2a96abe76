/**
 * The bibliography as the rest of the build sees it: which keys exist, how a citation reads in
 * the text (author–year) and where its entry is on the page.
 */

/** A parsed bibliography (content/references.bib). */
export interface Bibliography {
  /** Every key, in the order the references list shows them. */
  keys(): readonly string[]
  has(key: string): boolean
  /** In-text label: `Touvron et al., 2023`. Throws for an unknown key. */
  label(key: string): string
  /** Fragment of the entry in the references list: `#ref-touvron2023`. */
  href(key: string): string
}
