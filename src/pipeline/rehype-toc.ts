/**
 * Collects h2/h3 headings (after rehype-slug gave them ids) into `file.data.toc`, and wraps
 * tables so wide ones scroll on phones instead of overflowing the page.
 */
import type { Element, Root } from 'hast'
import { toString as hastToString } from 'hast-util-to-string'
import { h } from 'hastscript'
import { visit } from 'unist-util-visit'
import type { VFile } from 'vfile'

/** The unified plugin. */
export default function rehypeToc() {
  return (tree: Root, file: VFile): void => {
    file.data.toc = []
    visit(tree, 'element', (node, index, parent) => {
      if (
        (node.tagName === 'h2' || node.tagName === 'h3') &&
        typeof node.properties.id === 'string'
      ) {
        const text = hastToString(node).trim()
        file.data.toc?.push({ depth: node.tagName === 'h2' ? 2 : 3, id: node.properties.id, text })
      }
      if (node.tagName === 'table' && parent && index !== undefined && !isWrap(parent)) {
        parent.children[index] = h(
          'div',
          { className: ['table-wrap'], tabIndex: 0, role: 'region', ariaLabel: 'Table' },
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
