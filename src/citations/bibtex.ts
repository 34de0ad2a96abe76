/**
 * BibTeX syntax: entries, fields and `@string` macros, with the offset of everything, so that an
 * error points at its line and column in the .bib file. Values stay as written (braces and
 * LaTeX escapes included); latex.ts turns them into text. Written by hand rather than taken
 * from citation-js (≈110 ms to import and parse, ≈930 ms with CSL formatting, in a fresh
 * process): this grammar is small, and the build must start fast.
 */

import { type BibRuleId, citationMessages, type Message } from '../diagnostics/citation-messages.ts'
import { suggest } from '../diagnostics/suggest.ts'

/** A piece of a field value and where its text starts in the file. */
export interface ValueSegment {
  readonly raw: string
  readonly offset: number
}

/** A field value as written: `{…}`, `"…"`, numbers and macros joined by `#`. */
export interface RawValue {
  readonly segments: readonly ValueSegment[]
  /** Offset of the value's first character (its `{` or `"`). */
  readonly offset: number
}

/** An entry as written. */
export interface RawEntry {
  /** Lower case: `misc`, `article`, … */
  readonly type: string
  readonly key: string
  readonly keyOffset: number
  /** Fields by lower-case name, in file order. */
  readonly fields: ReadonlyMap<string, RawValue>
}

/** A syntax error at an offset of the .bib file. */
export class BibtexSyntaxError extends Error {
  readonly offset: number
  readonly ruleId: BibRuleId
  readonly reason: string
  readonly hint: string | undefined

  constructor(offset: number, message: Message, ruleId: BibRuleId) {
    super(message.reason)
    this.name = 'BibtexSyntaxError'
    this.offset = offset
    this.ruleId = ruleId
    this.reason = message.reason
    this.hint = message.hint
  }
}

const months: Readonly<Record<string, string>> = {
  jan: 'January',
  feb: 'February',
  mar: 'March',
  apr: 'April',
  may: 'May',
  jun: 'June',
  jul: 'July',
  aug: 'August',
  sep: 'September',
  oct: 'October',
  nov: 'November',
  dec: 'December',
}

const identifier = /[A-Za-z0-9_:.+/-]/
const validKey = /^[A-Za-z0-9_](?:[A-Za-z0-9_:.-]*[A-Za-z0-9_])?$/

/** Every entry of a .bib file, in file order. Throws BibtexSyntaxError. */
export function parseBibtex(text: string): RawEntry[] {
  return new Parser(text).entries()
}

class Parser {
  readonly #text: string
  #at = 0
  readonly #macros = new Map<string, ValueSegment[]>()

  constructor(text: string) {
    this.#text = text
  }

  entries(): RawEntry[] {
    const entries: RawEntry[] = []
    for (;;) {
      this.#skipOutside()
      if (this.#at >= this.#text.length) return entries
      this.#at++ // '@'
      const type = this.#identifier('an entry type after `@`').toLowerCase()
      if (type === 'comment') this.#skipComment()
      else if (type === 'preamble') this.#skipGroup()
      else if (type === 'string') this.#string()
      else entries.push(this.#entry(type))
    }
  }

  /** Text between entries is a comment, and so is `%` to the end of the line (biber). */
  #skipOutside(): void {
    while (this.#at < this.#text.length && this.#text[this.#at] !== '@') {
      if (this.#text[this.#at] === '%') {
        const end = this.#text.indexOf('\n', this.#at)
        this.#at = end < 0 ? this.#text.length : end
      } else this.#at++
    }
  }

  #entry(type: string): RawEntry {
    const start = this.#text.lastIndexOf('@', this.#at)
    const close = this.#open()
    this.#skipSpace()
    const keyOffset = this.#at
    while (this.#at < this.#text.length && !/[\s,{}()"=#%]/.test(this.#peek())) this.#at++
    const key = this.#text.slice(keyOffset, this.#at)
    if (key === '') this.#fail(citationMessages.bibSyntax(this.#found(), 'a citation key'))
    if (!validKey.test(key))
      throw new BibtexSyntaxError(
        keyOffset,
        citationMessages.invalidKey(key),
        'invalid-citation-key',
      )
    const fields = new Map<string, RawValue>()
    for (;;) {
      this.#skipSpace()
      if (this.#peek() === close) break
      if (this.#peek() === '' || this.#peek() === '@') this.#unclosed(start, key, close, fields)
      this.#expect(',', `\`,\` or \`${close}\` after ${fields.size ? 'a field' : 'the key'}`)
      this.#skipSpace()
      if (this.#peek() === close) break
      const nameOffset = this.#at
      const name = this.#identifier('a field name').toLowerCase()
      if (fields.has(name))
        throw new BibtexSyntaxError(
          nameOffset,
          citationMessages.duplicateField(name, key),
          'duplicate-field',
        )
      this.#skipSpace()
      this.#expect('=', `\`=\` after \`${name}\``)
      fields.set(name, this.#value())
    }
    this.#at++
    return { type, key, keyOffset, fields }
  }

  /**
   * The entry runs into the end of the file or the next entry. Usually a value's `{` is not
   * closed and swallowed the fields after it: point there if a value holds a `name =`.
   */
  #unclosed(
    start: number,
    key: string,
    close: string,
    fields: ReadonlyMap<string, RawValue>,
  ): never {
    for (const value of fields.values()) {
      if (value.segments.some((s) => /\n\s*[A-Za-z][\w-]*\s*=/.test(s.raw)))
        throw new BibtexSyntaxError(
          value.offset,
          citationMessages.bibSyntax(
            '`{` without its closing `}`',
            'a value that ends before the next field',
            'braces must balance inside every value',
          ),
          'bibtex-syntax',
        )
    }
    const found = this.#peek() === '' ? 'end of file' : 'a new entry'
    throw new BibtexSyntaxError(
      start,
      citationMessages.bibSyntax(
        `${found} inside \`${key}\``,
        `\`${close}\` closing the entry`,
        'close the entry; if it looks closed, a `{` in one of its values is not',
      ),
      'bibtex-syntax',
    )
  }

  #string(): void {
    const close = this.#open()
    this.#skipSpace()
    const name = this.#identifier('a string name').toLowerCase()
    this.#skipSpace()
    this.#expect('=', `\`=\` after \`${name}\``)
    this.#macros.set(name, [...this.#value().segments])
    this.#skipSpace()
    this.#expect(close, `\`${close}\` closing the \`@string\``)
  }

  /** `{` or `(` opening an entry; returns the matching closer. */
  #open(): string {
    this.#skipSpace()
    const c = this.#peek()
    if (c !== '{' && c !== '(')
      this.#fail(citationMessages.bibSyntax(this.#found(), '`{` after the entry type'))
    this.#at++
    return c === '{' ? '}' : ')'
  }

  /** `part # part # …` */
  #value(): RawValue {
    this.#skipSpace()
    const offset = this.#at
    const segments: ValueSegment[] = []
    for (;;) {
      segments.push(...this.#part())
      this.#skipSpace()
      if (this.#peek() !== '#') return { segments, offset }
      this.#at++
      this.#skipSpace()
    }
  }

  #part(): ValueSegment[] {
    const c = this.#peek()
    const start = this.#at
    if (c === '{' || c === '"') {
      const end = this.#delimited(c === '{' ? '}' : '"')
      return [{ raw: this.#text.slice(start + 1, end), offset: start + 1 }]
    }
    if (/[0-9]/.test(c)) {
      while (/[0-9]/.test(this.#peek())) this.#at++
      return [{ raw: this.#text.slice(start, this.#at), offset: start }]
    }
    if (!/[A-Za-z]/.test(c))
      this.#fail(
        citationMessages.bibSyntax(
          this.#found(),
          'a value: `{…}`, `"…"`, a number or a string name',
        ),
      )
    const name = this.#identifier('a value').toLowerCase()
    const macro = this.#macros.get(name)
    if (macro) return macro.map((s) => ({ raw: s.raw, offset: start }))
    const month = months[name]
    if (month) return [{ raw: month, offset: start }]
    const known = [...this.#macros.keys(), ...Object.keys(months)]
    throw new BibtexSyntaxError(
      start,
      citationMessages.unknownMacro(name, suggest(name, known)),
      'unknown-string-macro',
    )
  }

  /** Skips a braced or quoted value whose opener is at `#at`; returns the closer's offset. */
  #delimited(closer: '}' | '"'): number {
    const open = this.#at
    let depth = 0
    for (this.#at++; this.#at < this.#text.length; this.#at++) {
      const c = this.#text[this.#at]
      if (c === '\n' && /^\s*@[A-Za-z]+\s*[{(]/.test(this.#text.slice(this.#at + 1, this.#at + 40)))
        break // the next entry: this value's brace was never closed
      if (c === '\\') this.#at++
      else if (c === '{') depth++
      else if (c === '}' && depth > 0) depth--
      else if (c === closer && depth === 0) return this.#at++
      else if (c === '}')
        this.#fail(
          citationMessages.bibSyntax('`}`', 'a `{` before it, or `\\}` for a literal brace'),
        )
    }
    throw new BibtexSyntaxError(
      open,
      citationMessages.bibSyntax(
        `\`${this.#text[open]}\` without its closing \`${closer}\``,
        `a value that ends before the next entry`,
        'braces must balance inside every value',
      ),
      'bibtex-syntax',
    )
  }

  #skipComment(): void {
    this.#skipSpace()
    if (this.#peek() === '{' || this.#peek() === '(') this.#skipGroup()
    else this.#skipOutside()
  }

  /** Skips `{…}` or `(…)` after `@preamble` or `@comment`. */
  #skipGroup(): void {
    this.#skipSpace()
    if (this.#peek() === '{') {
      this.#delimited('}')
      return
    }
    this.#expect('(', '`{` or `(`')
    const end = this.#text.indexOf(')', this.#at)
    this.#at = end < 0 ? this.#text.length : end + 1
  }

  #identifier(expected: string): string {
    const start = this.#at
    while (this.#at < this.#text.length && identifier.test(this.#peek())) this.#at++
    if (this.#at === start) this.#fail(citationMessages.bibSyntax(this.#found(), expected))
    return this.#text.slice(start, this.#at)
  }

  #expect(c: string, expected: string): void {
    if (this.#peek() !== c) this.#fail(citationMessages.bibSyntax(this.#found(), expected))
    this.#at++
  }

  #skipSpace(): void {
    while (/\s/.test(this.#peek())) this.#at++
  }

  #peek(): string {
    return this.#text[this.#at] ?? ''
  }

  #found(): string {
    const c = this.#peek()
    return c === '' ? 'end of file' : `\`${c === '\n' ? '\\n' : c}\``
  }

  #fail(message: Message): never {
    throw new BibtexSyntaxError(this.#at, message, 'bibtex-syntax')
  }
}
