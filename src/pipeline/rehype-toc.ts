/**
 * Collects h2/h3 headings (after rehype-slug gave them ids) into `file.data.toc`, and wraps
 * tables so wide ones scroll on phones instead of overflowing the page. A wrapper can be
 * scrolled with the keyboard (`tabindex="0"`), so it is a named region: the table's caption, or
 * the heading it stands under, numbered when one heading has several tables. GFM's obsolete
 * `align` attribute on cells becomes a class (`align-right`) that the stylesheet styles.
 */
import type { Element, Root } from 'hast'
import { toString as hastToString } from 'hast-util-to-string'
import { h } from 'hastscript'
import type { VFile } from 'vfile'
import { LABELLED_CLASS, labelTableCells } from './table-labels.ts'
import { walkElements } from './walk-elements.ts'

/** The unified plugin. */
export default function rehypeToc() {
  return (tree: Root, file: VFile): void => {
    file.data.toc = []
    let heading = ''
    const labels = new Map<string, number>()
    walkElements(tree, (node, index, parent) => {
      if (/^h[1-6]$/.test(node.tagName)) heading = hastToString(node).trim()
      if (
        (node.tagName === 'h2' || node.tagName === 'h3') &&
        typeof node.properties.id === 'string'
      ) {
        const text = hastToString(node).trim()
        file.data.toc?.push({ depth: node.tagName === 'h2' ? 2 : 3, id: node.properties.id, text })
      }
      if ((node.tagName === 'td' || node.tagName === 'th') && node.properties.align) {
        const align = String(node.properties.align)
        delete node.properties.align
        const classes = Array.isArray(node.properties.className) ? node.properties.className : []
        node.properties.className = [...classes, `align-${align}`]
      }
      if (node.tagName === 'table' && parent && index !== undefined && !isWrap(parent)) {
        const caption = node.children.find(
          (c): c is Element => c.type === 'element' && c.tagName === 'caption',
        )
        const base = caption
          ? hastToString(caption).trim()
          : heading
            ? `Table: ${heading}`
            : 'Table'
        const seen = (labels.get(base) ?? 0) + 1
        labels.set(base, seen)
        parent.children[index] = h(
          'section',
          {
            className: labelTableCells(node) ? ['table-wrap', LABELLED_CLASS] : ['table-wrap'],
            tabIndex: 0,
            ariaLabel: seen === 1 ? base : `${base} (${seen})`,
          },
          [node],
        )
      }
    })
  }
}

const isWrap = (node: Root | Element): boolean =>
  node.type === 'element' &&
  Array.isArray(node.properties.className) &&
  node.properties.className.includes('table-wrap')
