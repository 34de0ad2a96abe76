/**
 * content/references.bib as a `Bibliography`: entries as plain text and the author–year label
 * each citation shows (`Touvron et al., 2023`), lettered when two would read the same
 * (`AWS, 2025a`). Everything is derived from the file alone, so the output never depends on
 * the clock or on the order citations appear in.
 */

import { type BibRuleId, citationMessages, type Message } from '../diagnostics/citation-messages.ts'
import { UserError } from '../diagnostics/user-error.ts'
import { BibtexSyntaxError, parseBibtex, type RawEntry } from './bibtex.ts'
import { fieldText, parseNames } from './latex.ts'
import type { Bibliography, Person, ReferenceEntry } from './types.ts'

/** A problem in the .bib file, at a line and column (1-based). */
export class BibliographyError extends UserError {
  declare readonly ruleId: BibRuleId
  readonly path: string
  readonly line: number
  readonly column: number

  constructor(path: string, point: Point, message: Message, ruleId: BibRuleId) {
    super({ ruleId, ...message, place: { file: path, ...point } })
    this.name = 'BibliographyError'
    this.path = path
    this.line = point.line
    this.column = point.column
  }
}

interface Point {
  readonly line: number
  readonly column: number
}

/** Parses a .bib file. Throws BibliographyError for invalid BibTeX, duplicate keys and the like. */
export function parseBibliography(text: string, path: string): Bibliography {
  const pointAt = (offset: number): Point => {
    const before = text.slice(0, offset)
    const lineStart = before.lastIndexOf('\n') + 1
    return { line: before.split('\n').length, column: offset - lineStart + 1 }
  }
  try {
    // 1. Syntax, then one entry per key.
    const raw = parseBibtex(text)
    const seen = new Map<string, RawEntry>()
    for (const entry of raw) {
      const first = seen.get(entry.key)
      if (first) {
        const at = pointAt(first.keyOffset)
        throw new BibtexSyntaxError(
          entry.keyOffset,
          citationMessages.duplicateKey(entry.key, at.line, at.column),
          'duplicate-citation-key',
        )
      }
      seen.set(entry.key, entry)
    }
    // 2. Values as text, then labels.
    return new ParsedBibliography(raw.map(toEntry))
  } catch (error) {
    if (!(error instanceof BibtexSyntaxError)) throw error
    throw new BibliographyError(path, pointAt(error.offset), error, error.ruleId)
  }
}

interface Draft {
  readonly entry: Omit<ReferenceEntry, 'year'>
  readonly names: string
  readonly baseYear: string
}

function toEntry(raw: RawEntry): Draft {
  const fields = new Map<string, string>()
  for (const [name, value] of raw.fields) {
    if (name !== 'author') fields.set(name, fieldText(name, value))
  }
  const title = fields.get('title')
  if (title === undefined)
    throw new BibtexSyntaxError(
      raw.keyOffset,
      citationMessages.missingField('title', raw.key),
      'missing-field',
    )
  const authorValue = raw.fields.get('author')
  const { people, more } = authorValue ? parseNames(authorValue) : { people: [], more: false }
  return {
    entry: { key: raw.key, type: raw.type, authors: people, moreAuthors: more, title, fields },
    names: namesOf(people, more, fields.get('shorttitle') ?? title),
    baseYear: yearOf(raw, fields),
  }
}

/** `Kaplan et al.`, `Lee and Kim`, `NVIDIA`; the short title when there is no author. */
function namesOf(people: readonly Person[], more: boolean, title: string): string {
  const [first, second] = people
  if (!first) return title
  if (more || people.length > 2) return `${first.family} et al.`
  return second ? `${first.family} and ${second.family}` : first.family
}

function yearOf(raw: RawEntry, fields: ReadonlyMap<string, string>): string {
  const year = fields.get('year') ?? fields.get('date')?.slice(0, 4)
  if (year === undefined) return 'n.d.'
  if (/^[0-9]{4}$/.test(year)) return year
  const value = raw.fields.get('year') ?? raw.fields.get('date')
  throw new BibtexSyntaxError(
    value?.offset ?? raw.keyOffset,
    citationMessages.invalidYear(year),
    'invalid-year',
  )
}

/** Letters `a`, `b`, … for entries whose names and year coincide, in order of title. */
function yearLabels(drafts: readonly Draft[]): Map<string, string> {
  const groups = new Map<string, Draft[]>()
  for (const draft of drafts) {
    const id = `${draft.names}\u0000${draft.baseYear}`
    groups.set(id, [...(groups.get(id) ?? []), draft])
  }
  const labels = new Map<string, string>()
  for (const group of groups.values()) {
    const ordered = [...group].sort((a, b) =>
      a.entry.title < b.entry.title ? -1 : a.entry.title > b.entry.title ? 1 : 0,
    )
    for (const [i, draft] of ordered.entries()) {
      const letter = group.length > 1 ? String.fromCharCode(97 + i) : ''
      labels.set(draft.entry.key, `${draft.baseYear}${letter}`)
    }
  }
  return labels
}

class ParsedBibliography implements Bibliography {
  readonly #order: readonly string[]
  readonly #entries = new Map<string, ReferenceEntry>()
  readonly #names = new Map<string, string>()

  constructor(drafts: readonly Draft[]) {
    const years = yearLabels(drafts)
    for (const draft of drafts) {
      const year = years.get(draft.entry.key) ?? draft.baseYear
      this.#entries.set(draft.entry.key, { ...draft.entry, year })
      this.#names.set(draft.entry.key, draft.names)
    }
    this.#order = drafts.map((d) => d.entry.key)
  }

  keys(): readonly string[] {
    return this.#order
  }

  has(key: string): boolean {
    return this.#entries.has(key)
  }

  label(key: string): string {
    return `${this.names(key)}, ${this.year(key)}`
  }

  href(key: string): string {
    return `#ref-${key}`
  }

  names(key: string): string {
    this.entry(key)
    return this.#names.get(key) ?? ''
  }

  year(key: string): string {
    return this.entry(key).year
  }

  entry(key: string): ReferenceEntry {
    const entry = this.#entries.get(key)
    if (!entry) throw new Error(`Unknown citation key \`${key}\`: check has() first`)
    return entry
  }
}
