/**
 * The title lives in front matter but may hold directives (`… Delivers :val[…] Cost
 * Reduction`). It is parsed by this same processor's parser, its positions shifted to where it
 * stands in the file (so errors point at the right column), and put at the top of the tree as
 * an element of its own: every later stage (directives, citations, provenance) treats it like
 * the body. rehype-title.ts takes it out again before the page is written.
 */
import { h } from 'hastscript'
import type { Paragraph, Root } from 'mdast'
import type { Processor } from 'unified'
import { visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import { location } from 'vfile-location'

/** The unified plugin. */
export default function remarkTitle(this: Processor) {
  return (tree: Root, file: VFile): void => {
    const frontmatter = file.data.frontmatter
    if (!frontmatter) return
    const parsed = this.parse(frontmatter.title) as Root
    const origin = location(file).toPoint(frontmatter.titleOffset)
    if (origin) {
      visit(parsed, (node) => {
        for (const point of [node.position?.start, node.position?.end]) {
          if (!point) continue
          if (point.line === 1) point.column += origin.column - 1
          point.line += origin.line - 1
          if (point.offset !== undefined) point.offset += frontmatter.titleOffset
        }
      })
    }
    const first = parsed.children[0]
    const element = h('div')
    const title: Paragraph = {
      type: 'paragraph',
      children: first?.type === 'paragraph' ? first.children : [],
      data: { element, convertChildren: true },
    }
    file.data.titleElement = element
    const yaml = tree.children.findIndex((node) => node.type === 'yaml')
    tree.children.splice(yaml + 1, 0, title)
  }
}
