/**
 * A computed number must read as a number: a value too large or too small for its format (d3
 * prints `4.25e+301` from 1e21 up) is an error at its directive, never `$1e+300` on the page.
 */
import type { ElementContent } from 'hast'
import { toString as hastToString } from 'hast-util-to-string'
import type { Root } from 'mdast'
import { visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import { messages } from '../diagnostics/messages.ts'

/** Text that no format should produce for a number a reader is meant to read. */
export const UNREADABLE_NUMBER = /\de[+-]?\d|NaN|Infinity|undefined|\[object/

/** The unified plugin; runs after the directives are lowered to their elements. */
export default function remarkFigureRange() {
  return (tree: Root, file: VFile): void => {
    visit(tree, 'textDirective', (node) => {
      if (node.name !== 'val') return
      const children = node.data?.hChildren as ElementContent[] | undefined
      if (!children) return
      const text = hastToString({ type: 'root', children })
      if (!UNREADABLE_NUMBER.test(text)) return
      const m = messages.unreadableNumber(text, node.attributes?.fmt ?? undefined)
      const message = file.message(m.reason, {
        place: node.position,
        ruleId: 'number-out-of-range',
        source: 'article',
      })
      message.fatal = true
      message.note = m.hint
    })
  }
}
