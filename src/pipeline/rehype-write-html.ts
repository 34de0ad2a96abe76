/**
 * The page's HTML, as rehype-stringify with HTML_OPTIONS writes it, by html-writer.ts: the same
 * bytes in a third of the time. The string is built by appending, so it stays a rope until the
 * page is written, where it is flattened once (the library joined it anew at every level).
 */
import type { Root } from 'hast'
import type { Processor } from 'unified'
import { writeHtml } from './html-writer.ts'

export default function rehypeWriteHtml(this: Processor): void {
  this.compiler = (tree) => writeHtml(tree as Root)
}
