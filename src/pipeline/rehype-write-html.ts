/**
 * The page's HTML, as rehype-stringify with HTML_OPTIONS writes it, by html-writer.ts: the same
 * bytes in a third of the time, in parts of ~16,000 characters (HtmlParts) that are written to
 * the page's file one after another, never joined into one string (see TextParts, site/sink.ts).
 */
import type { Root } from 'hast'
import type { Plugin } from 'unified'
import { writeHtmlParts } from './html-writer.ts'

/** The compiled page: its HTML in order, in parts (unified puts it on `file.result`). */
export interface HtmlParts {
  readonly html: readonly string[]
}

declare module 'unified' {
  interface CompileResultMap {
    HtmlParts: HtmlParts
  }
}

const rehypeWriteHtml: Plugin<[], Root, HtmlParts> = function () {
  this.compiler = (tree): HtmlParts => ({ html: writeHtmlParts(tree as Root) })
}

export default rehypeWriteHtml
