/**
 * The references list in the article's own style ("Touvron, H., Martin, L., Stone, K., et al.,
 * 2023. Llama 2: Open Foundation and Fine-Tuned Chat Models. https://doi.org/…"), as hast:
 * entries the page cites first, in order of first citation, then the other sources of the cost
 * model's inputs under their own heading, so a reader can tell what the argument cites from
 * what only feeds a number.
 */
import type { Element, ElementContent } from 'hast'
import { h } from 'hastscript'
import { initials } from './latex.ts'
import type { Bibliography, Person, ReferenceEntry } from './types.ts'

/** A piece of a formatted reference: text, or a link. */
export type ReferencePart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'link'; readonly text: string; readonly href: string }
  | { readonly kind: 'note'; readonly text: string }

/** Heading of the second list: entries no sentence cites, which the model's inputs do. */
export const SOURCES_HEADING = 'Sources of model inputs'

const SOURCES_INTRO =
  'The cost model’s inputs also rest on these; each number’s provenance names the source it comes from.'

/** More authors than this, or `and others`, and the list shows the first three and "et al.". */
const MAX_LISTED_AUTHORS = 6

/** One reference as parts, in the article's reference-list style. */
function referenceParts(entry: ReferenceEntry): ReferencePart[] {
  const text = (value: string): ReferencePart => ({ kind: 'text', text: value })
  const parts: ReferencePart[] = []
  const { fields } = entry
  if (entry.authors.length > 0) {
    parts.push(text(`${authorList(entry)}, ${entry.year}. ${titleSentence(entry)}`))
  } else {
    parts.push(text(`${titleSentence(entry, `, ${entry.year}`)}`))
  }
  const container =
    fields.get('journal') ??
    fields.get('booktitle') ??
    fields.get('howpublished') ??
    fields.get('publisher')
  if (container) parts.push(text(` ${sentence(container)}`))
  const doi = fields.get('doi')
  const links = [
    doi ? (/^https?:/.test(doi) ? doi : `https://doi.org/${doi}`) : undefined,
    fields.get('url'),
  ]
  for (const href of links) {
    if (href) parts.push(text(' '), { kind: 'link', text: href, href })
  }
  const note = fields.get('note')
  if (note) parts.push(text(' '), { kind: 'note', text: note })
  return parts
}

/** One reference as plain text (for a citation's tooltip and for tests). */
export function referenceText(entry: ReferenceEntry): string {
  return referenceParts(entry)
    .map((p) => p.text)
    .join('')
}

/** `<li id="ref-key">` for one entry. */
export function referenceItem(bibliography: Bibliography, key: string): Element {
  const children: ElementContent[] = referenceParts(bibliography.entry(key)).map((part) => {
    if (part.kind === 'link') return h('a', { href: part.href, rel: ['noopener'] }, part.text)
    if (part.kind === 'note') return h('span', { className: ['note'] }, part.text)
    return { type: 'text', value: part.text }
  })
  return h('li', { id: bibliography.href(key).slice(1) }, children)
}

/**
 * Every entry of the bibliography: `cited` (in order of first citation) in one list, the rest
 * (in file order) under SOURCES_HEADING. Without citations there is just one list.
 */
export function renderReferences(bibliography: Bibliography, cited: readonly string[]): Element {
  const citedSet = new Set(cited)
  const rest = bibliography.keys().filter((key) => !citedSet.has(key))
  const list = (keys: readonly string[]) =>
    h(
      'ol',
      { className: ['references'] },
      keys.map((key) => referenceItem(bibliography, key)),
    )
  const children: Element[] = []
  if (cited.length > 0) children.push(list(cited))
  if (rest.length > 0 && cited.length > 0)
    children.push(h('h3', SOURCES_HEADING), h('p', SOURCES_INTRO))
  if (rest.length > 0) children.push(list(rest))
  return h('div', { className: ['bibliography'] }, children)
}

/** `Touvron, H., Martin, L., Stone, K., et al.` or every author when there are few. */
function authorList(entry: ReferenceEntry): string {
  const abbreviated = entry.moreAuthors || entry.authors.length > MAX_LISTED_AUTHORS
  const shown = abbreviated ? entry.authors.slice(0, 3) : entry.authors
  const names = shown.map(personName)
  if (abbreviated) names.push('et al.')
  return names.join(', ')
}

function personName(person: Person): string {
  if (person.literal || person.given === '') return person.family
  return `${person.family}, ${initials(person.given)}`
}

/** Title with its type, edition and version, ending in one full stop. */
function titleSentence(entry: ReferenceEntry, after = ''): string {
  const { fields } = entry
  const type = fields.get('type')
  const edition = fields.get('edition')
  const version = fields.get('version')
  let text = entry.title + after
  if (type) text += ` [${type}]`
  if (edition) text += `, ${/^[0-9]+$/.test(edition) ? `${ordinal(Number(edition))} ed.` : edition}`
  if (version) text += `, version ${version}`
  return sentence(text)
}

function sentence(text: string): string {
  return /[.?!]$/.test(text) ? text : `${text}.`
}

function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13
  const suffix = teen ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10]
  return `${n}${suffix ?? 'th'}`
}
