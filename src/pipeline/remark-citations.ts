/**
 * Citations: `[@touvron2023]` becomes "(Touvron et al., 2023)" and `@yuan2024's` "Yuan et al.'s
 * (2025)", each name a link to its entry; an unknown key is an error at the key with a
 * did-you-mean. Runs after the directives so that it sees the final prose, then fills the
 * `::references` list (lowered to a placeholder by directives/references.ts) now that the order
 * of first citation is known. Cited keys go to `file.data.citations`.
 */

import type { Link, Node, Parent, PhrasingContent, Root, Text } from 'mdast'
import type { VFile } from 'vfile'
import { location } from 'vfile-location'
import { renderReferences } from '../citations/render.ts'
import { type Citation, findCitations } from '../citations/syntax.ts'
import type { Bibliography } from '../citations/types.ts'
import { citationMessages, type Message } from '../diagnostics/citation-messages.ts'
import type { RuleId } from '../diagnostics/rules.ts'
import { suggest } from '../diagnostics/suggest.ts'
import { lowerTo } from './directives/lower.ts'
import type { DirectiveNode } from './directives/spec.ts'

/** Options of the plugin. */
export interface RemarkCitationsOptions {
  readonly bibliography: Bibliography
}

/** The unified plugin. */
export default function remarkCitations(options: RemarkCitationsOptions) {
  const bib = options.bibliography
  return (tree: Root, file: VFile): void => {
    const source = String(file.value)
    const place = location(file)
    const cited: string[] = []
    let firstCitation: number | undefined
    const report = (message: Message, ruleId: RuleId, start: number, end: number, fatal = true) => {
      const from = place.toPoint(start)
      const to = place.toPoint(end)
      const m = file.message(message.reason, {
        place: from && to ? { start: from, end: to } : undefined,
        ruleId,
        source: 'article',
      })
      m.fatal = fatal
      if (message.hint) m.note = message.hint
    }

    // 1. Citations in prose; links, code and lowered directives are left alone. The same walk
    // finds the references lists, filled in once every citation is known.
    const lists: DirectiveNode[] = []
    const cite = (node: Text, index: number, parent: Parent): number => {
      const found = findCitations(node.value)
      if (found.length === 0) return 1
      // Aligned with the source only where there is a citation: the map costs an entry per
      // character, and most text nodes cite nothing.
      const where = align(node, source)
      // `\[@key]` is an escaped bracket, not a citation.
      const citations = found.filter((c) => !where.escaped(c.start))
      const known = citations.filter((citation) => {
        const unknown = citation.items.filter((item) => !bib.has(item.key))
        for (const { key, at } of unknown) {
          const close = suggest(key, bib.keys())
          if (citation.kind === 'narrative' && !close) return false // an @handle in prose
          const start = where.offset(at)
          report(
            citationMessages.unknownCitation(key, close),
            'unknown-citation',
            start,
            start + key.length + 1,
          )
        }
        return unknown.length === 0
      })
      if (known.length === 0) return 1
      firstCitation ??= where.offset(known[0]?.start ?? 0)
      for (const c of known)
        for (const { key } of c.items) if (!cited.includes(key)) cited.push(key)
      const replacement = rewrite(node.value, known, bib)
      parent.children.splice(index, 1, ...(replacement as Parent['children']))
      return replacement.length
    }
    walkProse(tree, cite, lists)
    file.data.citations = cited

    // 2. The references list: every entry, cited ones first.
    for (const [i, node] of lists.entries()) {
      const start = node.position?.start.offset ?? 0
      if (i > 0)
        report(
          citationMessages.secondList(),
          'duplicate-references',
          start,
          node.position?.end.offset ?? start,
        )
      else lowerTo(node, renderReferences(bib, cited))
    }
    if (lists.length === 0 && firstCitation !== undefined) {
      const start = firstCitation
      report(citationMessages.citationsWithoutList(), 'missing-references', start, start, false)
    }
  }
}

/**
 * Calls `cite` for every text node in prose, where it may replace the node with others (it
 * returns how many stand in its place), and collects the `::references` placeholders. Links,
 * code and lowered directives are left alone. A plain walk: unist-util-visit copied the list of
 * ancestors at every node and looked up each node's index, ~1 MB of garbage a page.
 */
function walkProse(
  parent: Parent,
  cite: (node: Text, index: number, parent: Parent) => number,
  lists: DirectiveNode[],
): void {
  const children = parent.children
  for (let index = 0; index < children.length; ) {
    const node = children[index] as Node & { data?: DirectiveNode['data'] }
    if (
      node.type === 'leafDirective' &&
      (node as DirectiveNode).name === 'references' &&
      node.data?.element
    )
      lists.push(node as DirectiveNode)
    const lowered = node.data?.element !== undefined && node.data.convertChildren !== true
    if (node.type === 'text') index += cite(node as Text, index, parent)
    else {
      if (node.type !== 'link' && node.type !== 'linkReference' && !lowered && 'children' in node)
        walkProse(node as Parent, cite, lists)
      index++
    }
  }
}

/** Where each character of a text node's value is in the source, and whether it was escaped. */
function align(node: Text, source: string) {
  const start = node.position?.start.offset ?? 0
  const end = node.position?.end.offset ?? start
  const offsets: number[] = []
  const escaped: boolean[] = []
  let p = start
  for (const c of node.value) {
    // Skip what the value lost: escapes, entity tails, container prefixes (`> `) after breaks.
    let q = p
    while (q < end && q - p < 16 && !source.startsWith(c, q)) q++
    if (!source.startsWith(c, q)) break
    for (let i = 0; i < c.length; i++) {
      offsets.push(q + i)
      escaped.push(i === 0 && source[q - 1] === '\\')
    }
    p = q + c.length
  }
  return {
    offset: (i: number): number => offsets[i] ?? start,
    escaped: (i: number): boolean => escaped[i] === true,
  }
}

/** `value` with each citation replaced by text and links. */
function rewrite(
  value: string,
  citations: readonly Citation[],
  bib: Bibliography,
): PhrasingContent[] {
  const out: PhrasingContent[] = []
  const text = (t: string) => {
    const last = out.at(-1)
    if (last?.type === 'text') last.value += t
    else if (t !== '') out.push({ type: 'text', value: t })
  }
  let at = 0
  for (const citation of citations) {
    text(value.slice(at, citation.start))
    at = citation.end
    if (citation.kind === 'narrative') {
      const [{ key } = { key: '' }] = citation.items
      out.push(link(key, `${bib.names(key)}${citation.possessive} (${bib.year(key)})`, bib))
      continue
    }
    text('(')
    for (const [i, item] of citation.items.entries()) {
      if (i > 0) text('; ')
      if (item.prefix) text(`${item.prefix} `)
      out.push(link(item.key, item.yearOnly ? bib.year(item.key) : bib.label(item.key), bib))
      if (item.suffix) text(`, ${item.suffix}`)
    }
    text(')')
  }
  text(value.slice(at))
  return out
}

function link(key: string, label: string, bib: Bibliography): Link {
  return {
    type: 'link',
    url: bib.href(key),
    title: bib.entry(key).title,
    data: { hProperties: { className: ['citation'] } },
    children: [{ type: 'text', value: label }],
  }
}
