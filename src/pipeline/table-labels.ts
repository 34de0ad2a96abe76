/**
 * Column labels on table cells, for the stacked layout of tables on narrow screens (and of the
 * widest generated tables at every width): each body `td` gets `data-label` with its column's
 * heading, which the style sheet shows before the cell when rows are laid out as blocks.
 */
import type { Element, ElementContent } from 'hast'
import { toString as hastToString } from 'hast-util-to-string'

/** Class of a wrapper whose table can be stacked on phones (its cells carry labels). */
export const LABELLED_CLASS = 'table-labelled'
/** Class of a wrapper whose table is stacked at every width (too wide for the text column). */
export const STACKED_CLASS = 'table-stack'

/** Sets `data-label` on the body cells of `table` from its head row; false without a head. */
export function labelTableCells(table: Element): boolean {
  const head = childElements(table, 'thead')[0]
  const headRow = head ? childElements(head, 'tr')[0] : undefined
  if (!headRow) return false
  const labels = childElements(headRow).map((cell) =>
    hastToString(cell).replace(/\s+/g, ' ').trim(),
  )
  for (const body of childElements(table, 'tbody'))
    for (const row of childElements(body, 'tr')) {
      let column = 0
      for (const cell of childElements(row)) {
        // A cell spanning columns is labelled with each of them, unless it brings its own label.
        const span = Math.max(1, Number(cell.properties.colSpan ?? 1))
        const label = labels
          .slice(column, column + span)
          .filter(Boolean)
          .join(' · ')
        column += span
        if (cell.tagName === 'td' && label && cell.properties.dataLabel === undefined)
          cell.properties.dataLabel = label
      }
    }
  return true
}

function childElements(node: Element, tagName?: string): Element[] {
  return node.children.filter(
    (c: ElementContent): c is Element =>
      c.type === 'element' && (tagName === undefined || c.tagName === tagName),
  )
}
