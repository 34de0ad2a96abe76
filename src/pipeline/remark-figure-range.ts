/**
 * A computed number must read as a number: a value too large or too small for its format (d3
 * prints `4.25e+301` from 1e21 up) is an error at its directive, never `$1e+300` on the page.
 * Every shown number's record is checked, the generated tables' and intervals included.
 */
import type { VFile } from 'vfile'
import { messages } from '../diagnostics/messages.ts'

/** Text that no format should produce for a number a reader is meant to read. */
export const UNREADABLE_NUMBER = /\de[+-]?\d|NaN|Infinity|undefined|\[object/

/** The unified plugin; runs after the directives made their records. */
export default function remarkFigureRange() {
  return (_tree: unknown, file: VFile): void => {
    for (const record of file.data.shown ?? []) {
      const text = [record.formatted, record.interval?.formatted ?? ''].join(' ')
      if (!UNREADABLE_NUMBER.test(text)) continue
      const m = messages.unreadableNumber(record.formatted, record.format)
      const point = { line: record.line, column: record.column }
      const message = file.message(m.reason, {
        ...(record.line > 0 ? { place: point } : {}),
        ruleId: 'number-out-of-range',
        source: 'article',
      })
      message.fatal = true
      message.note = m.hint
    }
  }
}
