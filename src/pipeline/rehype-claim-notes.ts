/**
 * An editor's note ("does not hold") links to its claim's row of the claims table. A page may
 * have no claims table, or the claim may stand in a `:::scenario` block while the table lists
 * the page scenario's claims: then the link would lead nowhere. Such a note keeps its words (the
 * claim and its computed value are in the note itself) and loses the link. Runs once every
 * generated table is in the tree.
 */
import type { Element, Root } from 'hast'
import { walkElements } from './walk-elements.ts'

/** Class of a note's text when it has no row to link to. */
export const UNLINKED_NOTE_CLASS = 'claim-flag-text'

/** The unified plugin. */
export default function rehypeClaimNotes() {
  return (tree: Root): void => {
    const ids = new Set<string>()
    const links: Element[] = []
    walkElements(tree, (node, _index, parent) => {
      if (node.properties.id !== undefined) ids.add(String(node.properties.id))
      if (
        node.tagName === 'a' &&
        parent?.type === 'element' &&
        parent.tagName === 'sup' &&
        String(parent.properties.className ?? '').includes('claim-flag')
      )
        links.push(node)
    })
    for (const link of links) {
      const href = String(link.properties.href ?? '')
      if (href.startsWith('#') && ids.has(href.slice(1))) continue
      link.tagName = 'span'
      link.properties = { className: [UNLINKED_NOTE_CLASS] }
    }
  }
}
