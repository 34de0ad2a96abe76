/**
 * Every input file becomes text here: UTF-8 checked strictly (a bad byte is an error at its
 * line and column, never a silent U+FFFD), a byte-order mark dropped and CRLF (or a lone CR)
 * turned into LF, so a Windows checkout builds exactly as a Unix one, positions included.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { messages } from '../diagnostics/messages.ts'
import { BuildFailure } from '../diagnostics/report.ts'

/**
 * A file that could not be read, as a located error. It keeps the system's `code` so callers
 * that treat a missing optional file as empty (`ENOENT`) still can.
 */
export class FileReadFailure extends BuildFailure {
  readonly code: string

  constructor(path: string, code: string) {
    super([{ place: path, ...messages.fileRead(code), ruleId: 'file-read', severity: 'error' }])
    this.name = 'FileReadFailure'
    this.message = `${path}: ${code}`
    this.code = code
  }
}

/** Reads `path` under `root` as normalised UTF-8 text; throws FileReadFailure or BuildFailure. */
export async function readSourceText(root: string, path: string): Promise<string> {
  let bytes: Uint8Array
  try {
    bytes = await readFile(join(root, path))
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (typeof code !== 'string') throw error
    throw new FileReadFailure(path, code)
  }
  return decodeText(path, bytes)
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

/** `bytes` as normalised text; throws BuildFailure at the first byte that is not UTF-8. */
export function decodeText(path: string, bytes: Uint8Array): string {
  let text: string
  try {
    text = decoder.decode(bytes)
  } catch {
    const offset = firstInvalidByte(bytes)
    const { line, column } = pointAt(bytes, offset)
    const m = messages.invalidUtf8(bytes[offset] ?? 0)
    throw new BuildFailure([
      { place: `${path}:${line}:${column}`, ...m, ruleId: 'encoding', severity: 'error' },
    ])
  }
  return normaliseText(text)
}

/** Text without a leading BOM and with LF line endings only. */
export function normaliseText(text: string): string {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  return body.includes('\r') ? body.replace(/\r\n?/g, '\n') : body
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
export function firstInvalidByte(bytes: Uint8Array): number {
  let i = 0
  while (i < bytes.length) {
    const length = sequenceLength(bytes, i)
    if (length === 0) return i
    i += length
  }
  return bytes.length
}

/** Length of the valid UTF-8 sequence starting at `i`, or 0. */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const b = bytes[i] ?? 0
  const cont = (k: number, low = 0x80, high = 0xbf) => {
    const c = bytes[i + k]
    return c !== undefined && c >= low && c <= high
  }
  if (b < 0x80) return 1
  if (b >= 0xc2 && b <= 0xdf) return cont(1) ? 2 : 0
  if (b >= 0xe0 && b <= 0xef) {
    const low = b === 0xe0 ? 0xa0 : 0x80
    const high = b === 0xed ? 0x9f : 0xbf
    return cont(1, low, high) && cont(2) ? 3 : 0
  }
  if (b >= 0xf0 && b <= 0xf4) {
    const low = b === 0xf0 ? 0x90 : 0x80
    const high = b === 0xf4 ? 0x8f : 0xbf
    return cont(1, low, high) && cont(2) && cont(3) ? 4 : 0
  }
  return 0
}

/** 1-based line and column (in characters, as editors count) of byte `offset`. */
function pointAt(bytes: Uint8Array, offset: number): { line: number; column: number } {
  const before = new TextDecoder('utf-8').decode(bytes.subarray(0, offset))
  const lines = normaliseText(before).split('\n')
  const last = lines[lines.length - 1] ?? ''
  return { line: lines.length, column: [...last].length + 1 }
}
