/**
 * Takes the title (put at the top of the tree by remark-title.ts, resolved like the body) out of
 * the page again, keeping its HTML for index cards (numbers as plain text there: the card is a
 * link, not a place for popovers) and its text for `<title>`. The provenance
 * stage then gives its numbers popovers, for the article's own heading.
 */
import type { ElementContent, Root } from 'hast'
import { toHtml } from 'hast-util-to-html'
import { toString as hastToString } from 'hast-util-to-string'
import type { VFile } from 'vfile'

/** The title as index cards show it: computed numbers as plain text, other markup kept. */
function plain(node: ElementContent): ElementContent {
  if (node.type !== 'element') return node
  if (node.data?.shown) return { type: 'text', value: hastToString(node) }
  return { ...node, children: node.children.map(plain) }
}

/** The unified plugin. */
export default function rehypeTitle() {
  return (tree: Root, file: VFile): void => {
    const title = file.data.titleElement
    if (!title) return
    const at = tree.children.indexOf(title)
    if (at < 0) return
    // The line break remark-rehype put between the title and the first block goes with it.
    const next = tree.children[at + 1]
    const breaks = next?.type === 'text' && next.value === '\n' ? 2 : 1
    tree.children.splice(at, breaks)
    file.data.titleHtml = toHtml(title.children.map(plain))
    file.data.titleText = hastToString(title)
  }
}
