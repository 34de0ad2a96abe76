/**
 * Links are safe: only http, https, mailto, relative and fragment URLs reach the page (the
 * protocol list of rehype-sanitize's defaults). Anything else — `javascript:`, `data:`,
 * `vbscript:`, `file:` — is an error at its position and the attribute is removed.
 */
import type { Element, Root } from 'hast'
import type { VFile } from 'vfile'
import { messages } from '../diagnostics/messages.ts'
import { walkElements } from './walk-elements.ts'

/** Protocols allowed in each URL attribute. */
export const SAFE_PROTOCOLS: Readonly<Record<string, readonly string[]>> = {
  href: ['http', 'https', 'mailto'],
  src: ['http', 'https'],
  cite: ['http', 'https'],
}

/** The protocol of `url` as a browser would read it, or undefined for a relative URL. */
export function protocolOf(url: string): string | undefined {
  // Browsers drop ASCII whitespace and control characters before reading the scheme.
  const cleaned = [...url].filter((c) => c.charCodeAt(0) > 0x20 && c !== '\u007f').join('')
  const colon = cleaned.indexOf(':')
  if (colon < 0) return undefined
  const first = [cleaned.indexOf('/'), cleaned.indexOf('?'), cleaned.indexOf('#')].filter(
    (i) => i >= 0,
  )
  if (first.some((i) => i < colon)) return undefined
  return cleaned.slice(0, colon).toLowerCase()
}

/** The unified plugin. */
/** SAFE_PROTOCOLS as pairs, made once: the walk meets every element of the page. */
const CHECKED = Object.entries(SAFE_PROTOCOLS)

export default function rehypeSafeLinks() {
  return (tree: Root, file: VFile): void => {
    walkElements(tree, (node: Element) => {
      for (const [attribute, allowed] of CHECKED) {
        const value = node.properties[attribute]
        if (typeof value !== 'string') continue
        const protocol = protocolOf(value)
        if (protocol === undefined || allowed.includes(protocol)) continue
        const m = messages.unsafeUrl(value, protocol)
        const message = file.message(m.reason, {
          place: node.position,
          ruleId: 'unsafe-url',
          source: 'article',
        })
        message.fatal = true
        message.note = m.hint
        delete node.properties[attribute]
      }
    })
  }
}
