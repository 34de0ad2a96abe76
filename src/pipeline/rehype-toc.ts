/**
 * The page's headings and tables, in one walk over the tree:
 * - every heading without an id gets one from its text (GitHub's slugs, as rehype-slug gave
 *   them), an anchor link after its text (`<a class="anchor" href="#id">#</a>`, as
 *   rehype-autolink-headings appended it), and h2/h3 headings go into `file.data.toc`;
 * - tables are wrapped so wide ones scroll on phones instead of overflowing the page. A wrapper
 *   can be scrolled with the keyboard (`tabindex="0"`), so it is a named region: the table's
 *   caption, or the heading it stands under, numbered when one heading has several tables. GFM's
 *   obsolete `align` attribute on cells becomes a class (`align-right`) that the stylesheet
 *   styles.
 * The two plugins it replaces each walked the whole tree with unist-util-visit and cloned the
 * anchor's settings for every heading: ~7 ms of every page.
 */
import GithubSlugger from 'github-slugger'
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
    const slugs = new GithubSlugger()
    walkElements(tree, (node, index, parent) => {
      if (/^h[1-6]$/.test(node.tagName)) {
        const text = hastToString(node)
        heading = text.trim()
        if (!node.properties.id) node.properties.id = slugs.slug(text)
        const id = node.properties.id
        if ((node.tagName === 'h2' || node.tagName === 'h3') && typeof id === 'string')
          file.data.toc?.push({ depth: node.tagName === 'h2' ? 2 : 3, id, text: heading })
        node.children.push(anchor(String(id)))
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

/** The link a heading ends with, to its own id: hidden from screen readers and the tab order. */
const anchor = (id: string): Element => ({
  type: 'element',
  tagName: 'a',
  properties: { className: ['anchor'], ariaHidden: 'true', tabIndex: -1, href: `#${id}` },
  children: [{ type: 'text', value: '#' }],
})

const isWrap = (node: Root | Element): boolean =>
  node.type === 'element' &&
  Array.isArray(node.properties.className) &&
  node.properties.className.includes('table-wrap')
