/**
 * A cache of processed pages, keyed by a hash of everything that goes into one: the page's
 * text, the build's code version, the model sources, chart specs, bibliography, site settings,
 * scenario and `--set`s. An unchanged page is not parsed again (a no-op rebuild, or a rebuild in
 * which another page changed). Stored in the build's memo (memory, or .cache/ on disk).
 */
import { createHash } from 'node:crypto'
import type { DataMap } from 'vfile'
import type { Diagnostic } from '../diagnostics/report.ts'
import type { TextMemo } from '../pipeline/rehype-highlight.ts'

/** A processed page: its body HTML, what the pipeline recorded, and its warnings. */
export interface ProcessedPage {
  readonly html: string
  readonly data: Partial<DataMap>
  readonly diagnostics: readonly Diagnostic[]
}

/** The key of a page: a hash over all of its inputs. */
export function pageKey(parts: Readonly<Record<string, unknown>>): string {
  return `page:${createHash('sha256').update(JSON.stringify(parts)).digest('hex')}`
}

/** A cached page, or undefined. */
export function readPage(memo: TextMemo, key: string): ProcessedPage | undefined {
  const text = memo.get(key)
  if (text === undefined) return undefined
  try {
    return JSON.parse(text) as ProcessedPage
  } catch {
    return undefined
  }
}

/** Stores a page that built without errors. */
export function writePage(memo: TextMemo, key: string, page: ProcessedPage): void {
  if (page.diagnostics.some((d) => d.severity === 'error')) return
  memo.set(key, JSON.stringify(page))
}
