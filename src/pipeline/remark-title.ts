/**
 * The title lives in front matter but may hold directives (`… Delivers :val[…] Cost
 * Reduction`). It is parsed on its own, its positions shifted to where it stands in the file
 * so errors point at the right column, resolved like the body, and kept as HTML and text.
 */

import type { Root as HastRoot } from 'hast'
import { toHtml } from 'hast-util-to-html'
import { toString as hastToString } from 'hast-util-to-string'
import type { Root } from 'mdast'
import { directiveFromMarkdown } from 'mdast-util-directive'
import { fromMarkdown } from 'mdast-util-from-markdown'
import { toHast } from 'mdast-util-to-hast'
import { directive } from 'micromark-extension-directive'
import { visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import { location } from 'vfile-location'
import { type RemarkDirectivesOptions, Walker } from './remark-directives.ts'

/** The unified plugin: sets `file.data.titleHtml`, `titleText` and `titleHast`. */
export default function remarkTitle(options: RemarkDirectivesOptions) {
  return (_tree: Root, file: VFile): void => {
    const frontmatter = file.data.frontmatter
    if (!frontmatter) return
    const tree = fromMarkdown(frontmatter.title, {
      extensions: [directive()],
      mdastExtensions: [directiveFromMarkdown()],
    })
    const origin = location(file).toPoint(frontmatter.titleOffset)
    if (origin) {
      visit(tree, (node) => {
        for (const point of [node.position?.start, node.position?.end]) {
          if (!point) continue
          if (point.line === 1) point.column += origin.column - 1
          point.line += origin.line - 1
          if (point.offset !== undefined) point.offset += frontmatter.titleOffset
        }
      })
    }
    new Walker(options, file).walk(tree, options.session.defaultScenario, frontmatter.title)
    // Converting the paragraph (not a root of its children) keeps toHast from putting newlines
    // between inline nodes.
    const converted = toHast(tree.children[0] ?? tree)
    const children =
      converted.type === 'element' || converted.type === 'root' ? converted.children : []
    const hast: HastRoot = { type: 'root', children: children as HastRoot['children'] }
    file.data.titleHtml = toHtml(hast)
    file.data.titleText = hastToString(hast)
    // The article's own heading gets provenance popovers later (rehype-provenance).
    file.data.titleHast = structuredClone(hast)
  }
}
