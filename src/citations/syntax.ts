/**
 * Pandoc's citation syntax, found in a run of prose: `[@key]`, `[@a; @b]`, `[see @key, Table
 * 2]`, `[-@key]` (year only), and the narrative `@key` / `@key's`. Pure string work, with
 * offsets, so the plugin can place an error on the exact key.
 */

/** One cited key in a citation. */
export interface CitationItem {
  /** Text before the key inside the brackets (`see `), trimmed. */
  readonly prefix: string
  readonly key: string
  /** Offset of the key's `@` in the searched text. */
  readonly at: number
  /** `-@key`: the author is named in the sentence, show the year only. */
  readonly yearOnly: boolean
  /** Text after the key (`Table 2`), without its leading comma, trimmed. */
  readonly suffix: string
}

/** A citation and the text it replaces, `[start, end)`. */
export interface Citation {
  readonly kind: 'parenthetical' | 'narrative'
  readonly start: number
  readonly end: number
  readonly items: readonly CitationItem[]
  /** `'s` or `’s` after a narrative `@key`, as written; empty otherwise. */
  readonly possessive: string
}

/** Keys as references.bib allows them: punctuation only inside, so `@kaplan2020.` ends a sentence. */
const KEY_PATTERN = '[A-Za-z0-9_](?:[A-Za-z0-9_:.-]*[A-Za-z0-9_])?'

const bracketed = /\[([^[\]]*@[^[\]]*)\]/g
const item = new RegExp(`^([^@]*?)(-?)@(${KEY_PATTERN})([^@]*)$`)
// Not after a word character or `@` (an e-mail address), nor after `[`/`;`, which brackets handle.
const narrative = new RegExp(`(?<![\\w@])@(${KEY_PATTERN})(['’]s(?![\\w]))?`, 'g')

/** Every citation in `text`, in order. Brackets whose items are not all citations are prose. */
export function findCitations(text: string): Citation[] {
  const found: Citation[] = []
  for (const match of text.matchAll(bracketed)) {
    const items = bracketItems(match[1] ?? '', match.index + 1)
    if (items)
      found.push({
        kind: 'parenthetical',
        start: match.index,
        end: match.index + match[0].length,
        items,
        possessive: '',
      })
  }
  const inside = (offset: number) => found.some((c) => c.start <= offset && offset < c.end)
  for (const match of text.matchAll(narrative)) {
    if (inside(match.index)) continue
    const key = match[1] ?? ''
    found.push({
      kind: 'narrative',
      start: match.index,
      end: match.index + match[0].length,
      items: [{ prefix: '', key, at: match.index, yearOnly: false, suffix: '' }],
      possessive: match[2] ?? '',
    })
  }
  return found.sort((a, b) => a.start - b.start)
}

/** The items of `[…]` whose content starts at `offset`, or undefined if it is not a citation. */
function bracketItems(content: string, offset: number): CitationItem[] | undefined {
  const items: CitationItem[] = []
  let at = offset
  for (const part of content.split(';')) {
    const match = item.exec(part)
    if (!match) return undefined
    const [, prefix = '', dash = '', key = ''] = match
    items.push({
      prefix: prefix.trim(),
      key,
      at: at + prefix.length + dash.length,
      yearOnly: dash === '-',
      suffix: (match[4] ?? '').trim().replace(/^,\s*/, ''),
    })
    at += part.length + 1
  }
  return items
}
