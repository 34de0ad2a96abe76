/**
 * From BibTeX values to plain text: braces dropped, the usual escapes (`\%`, `\&`, `~`, `--`)
 * understood, anything else from LaTeX refused with its position, since the .bib is written in
 * UTF-8 and a stray command would otherwise reach the page as `\emph`. Author fields become
 * people and organisations.
 */

import { citationMessages } from '../diagnostics/citation-messages.ts'
import { BibtexSyntaxError, type RawValue } from './bibtex.ts'
import type { Person } from './types.ts'

/** Fields shown exactly as written: identifiers and addresses, where `~`, `--`, `%` are literal. */
const verbatimFields: ReadonlySet<string> = new Set(['url', 'doi', 'eprint', 'eid', 'isbn', 'issn'])

const escapable = new Set(['%', '&', '$', '#', '_', '{', '}'])

/** A value's raw text with the file offset of each of its characters. */
interface Flat {
  readonly raw: string
  offsetAt(index: number): number
}

function flatten(value: RawValue): Flat {
  const starts: number[] = []
  let raw = ''
  for (const segment of value.segments) {
    starts.push(raw.length)
    raw += segment.raw
  }
  return {
    raw,
    offsetAt(index) {
      let i = starts.length - 1
      while (i > 0 && (starts[i] ?? 0) > index) i--
      const segment = value.segments[i]
      return segment ? segment.offset + index - (starts[i] ?? 0) : value.offset
    },
  }
}

/** The plain text of field `name`. Throws BibtexSyntaxError at unsupported LaTeX. */
export function fieldText(name: string, value: RawValue): string {
  const flat = flatten(value)
  if (verbatimFields.has(name)) return flat.raw.replace(/[{}]/g, '').trim()
  return convert(flat, 0, flat.raw.length)
}

/** Text of `flat.raw[from, to)`, with escapes resolved and whitespace collapsed. */
function convert(flat: Flat, from: number, to: number): string {
  const { raw } = flat
  let out = ''
  for (let i = from; i < to; i++) {
    const c = raw[i] ?? ''
    if (c === '{' || c === '}') continue
    if (c === '\\') {
      const next = raw[i + 1] ?? ''
      if (escapable.has(next)) {
        out += next
        i++
        continue
      }
      const command = /^\\(?:[A-Za-z]+|.)?/.exec(raw.slice(i, to))?.[0] ?? '\\'
      throw new BibtexSyntaxError(
        flat.offsetAt(i),
        citationMessages.unsupportedLatex(command),
        'unsupported-latex',
      )
    }
    if (c === '$')
      throw new BibtexSyntaxError(
        flat.offsetAt(i),
        citationMessages.unsupportedLatex('$'),
        'unsupported-latex',
      )
    if (c === '~') out += '\u00a0'
    else if (raw.startsWith('---', i)) {
      out += '—'
      i += 2
    } else if (raw.startsWith('--', i)) {
      out += '–'
      i++
    } else out += c
  }
  return out.replace(/[ \t\r\n]+/g, ' ').trim()
}

/** Ranges of `raw[from, to)` split at `separator` where braces are balanced. */
function splitTopLevel(
  raw: string,
  from: number,
  to: number,
  separator: RegExp,
): [number, number][] {
  const parts: [number, number][] = []
  let depth = 0
  let start = from
  for (let i = from; i < to; i++) {
    const c = raw[i]
    if (c === '\\') i++
    else if (c === '{') depth++
    else if (c === '}') depth--
    else if (depth === 0) {
      const match = separator.exec(raw.slice(i, to))
      if (match?.index === 0) {
        parts.push([start, i])
        i += match[0].length - 1
        start = i + 1
      }
    }
  }
  parts.push([start, to])
  return parts
}

/** Trims whitespace off a range. */
function trimRange(raw: string, [from, to]: [number, number]): [number, number] {
  while (from < to && /\s/.test(raw[from] ?? '')) from++
  while (to > from && /\s/.test(raw[to - 1] ?? '')) to--
  return [from, to]
}

/** The people of an `author` field; `and others` sets `more`. */
export function parseNames(value: RawValue): { people: Person[]; more: boolean } {
  const flat = flatten(value)
  const { raw } = flat
  const people: Person[] = []
  let more = false
  for (const range of splitTopLevel(raw, 0, raw.length, /^\s+and\s+/i)) {
    const [from, to] = trimRange(raw, range)
    if (from === to) continue
    const text = raw.slice(from, to)
    if (text === 'others') more = true
    else if (wholeGroup(text))
      people.push({ family: convert(flat, from, to), given: '', literal: true })
    else people.push(person(flat, from, to))
  }
  return { people, more }
}

/** `{…}` around the whole name: an organisation. */
function wholeGroup(text: string): boolean {
  if (!text.startsWith('{') || !text.endsWith('}')) return false
  let depth = 0
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') i++
    else if (text[i] === '{') depth++
    else if (text[i] === '}' && --depth === 0) return i === text.length - 1
  }
  return false
}

/** `Last, First`, `Last, Jr, First` or `First von Last`. */
function person(flat: Flat, from: number, to: number): Person {
  const parts = splitTopLevel(flat.raw, from, to, /^,/).map((r) =>
    convert(flat, ...trimRange(flat.raw, r)),
  )
  if (parts.length >= 2) {
    // `Last, First` or `Last, Jr, First`: the suffix stays with the family name.
    const given = parts.pop() ?? ''
    return { family: parts.join(' '), given, literal: false }
  }
  const words = splitTopLevel(flat.raw, from, to, /^\s+/).map((r) => convert(flat, ...r))
  const last = words.length - 1
  let familyStart = last
  // Lower-case particles before the last name belong to it: `Ludwig van Beethoven`.
  while (familyStart > 1 && /^\p{Ll}/u.test(words[familyStart - 1] ?? '')) familyStart--
  return {
    family: words.slice(familyStart).join(' '),
    given: words.slice(0, familyStart).join(' '),
    literal: false,
  }
}

/** `Samuel R.` → `S.R.`; `Jean-Pierre` → `J.-P.` */
export function initials(given: string): string {
  return given
    .split(/\s+/)
    .filter(Boolean)
    .map((word) =>
      word
        .split('-')
        .map((part) => `${Array.from(part)[0] ?? ''}.`)
        .join('-'),
    )
    .join('')
}
