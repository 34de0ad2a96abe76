/**
 * Positions in JSON text. JSON.parse only reports an offset (and not always), and the renderer only
 * sees parsed values, so this small scanner finds (a) the offset of the first syntax error and
 * (b) the offset of the value a JSON pointer names, so errors can point at `file:line:column`.
 */

/** A 1-based line and column (UTF-16 code units, as editors count). */
export interface TextPosition {
  line: number
  column: number
}

/** Turns a 0-based offset into a 1-based line and column; offsets past the end clamp to it. */
export function offsetToPosition(text: string, offset: number): TextPosition {
  const end = Math.max(0, Math.min(offset, text.length))
  let line = 1
  let lineStart = 0
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++
      lineStart = i + 1
    }
  }
  return { line, column: end - lineStart + 1 }
}

// Sticky (`y`) so they match exactly at lastIndex.
// biome-ignore lint/suspicious/noControlCharactersInRegex: JSON forbids raw control characters in strings; matching them is the point.
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y
const LITERAL = /(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/y

class JsonSyntaxError extends Error {
  constructor(readonly offset: number) {
    super(`JSON syntax error at offset ${offset}`)
  }
}

/** Recursive-descent walk that records where the value at `target` starts. */
class Scanner {
  private pos = 0
  found: number | undefined

  constructor(
    private readonly text: string,
    private readonly target: string | undefined,
  ) {}

  scanDocument(): void {
    this.value('')
    this.space()
    if (this.pos < this.text.length) throw new JsonSyntaxError(this.pos)
  }

  private space(): void {
    while (/[ \t\n\r]/.test(this.text[this.pos] ?? '')) this.pos++
  }

  private value(pointer: string): void {
    this.space()
    if (pointer === this.target) this.found = this.pos
    const c = this.text[this.pos]
    if (c === '{') this.object(pointer)
    else if (c === '[') this.array(pointer)
    else if (c === '"') this.string()
    else this.literal()
  }

  private object(pointer: string): void {
    this.pos++
    this.space()
    if (this.text[this.pos] === '}') {
      this.pos++
      return
    }
    for (;;) {
      this.space()
      if (this.text[this.pos] !== '"') throw new JsonSyntaxError(this.pos)
      const key = this.string()
      this.space()
      this.expect(':')
      this.value(`${pointer}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`)
      this.space()
      if (this.text[this.pos] === '}') {
        this.pos++
        return
      }
      this.expect(',')
    }
  }

  private array(pointer: string): void {
    this.pos++
    this.space()
    if (this.text[this.pos] === ']') {
      this.pos++
      return
    }
    for (let index = 0; ; index++) {
      this.value(`${pointer}/${index}`)
      this.space()
      if (this.text[this.pos] === ']') {
        this.pos++
        return
      }
      this.expect(',')
    }
  }

  private string(): string {
    const match = this.match(STRING)
    if (match === null) throw new JsonSyntaxError(this.stringErrorOffset())
    this.pos += match[0].length
    return JSON.parse(match[0]) as string
  }

  /** Points at the bad escape or control character, or the end for an unterminated string. */
  private stringErrorOffset(): number {
    let i = this.pos + 1
    while (i < this.text.length) {
      const code = this.text.charCodeAt(i)
      if (code < 0x20) return i
      if (code === 0x5c) {
        if (!/^\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/.test(this.text.slice(i, i + 6))) return i
        i += this.text[i + 1] === 'u' ? 6 : 2
        continue
      }
      i++
    }
    return this.text.length
  }

  private literal(): void {
    const match = this.match(LITERAL)
    if (match === null) throw new JsonSyntaxError(this.pos)
    this.pos += match[0].length
  }

  /** Matches a sticky regex at the current position without copying the rest of the text. */
  private match(pattern: RegExp): RegExpExecArray | null {
    pattern.lastIndex = this.pos
    return pattern.exec(this.text)
  }

  private expect(char: string): void {
    if (this.text[this.pos] !== char) throw new JsonSyntaxError(this.pos)
    this.pos++
  }
}

/** Offset of the first JSON syntax error, or undefined when the text is valid JSON. */
export function findJsonErrorOffset(text: string): number | undefined {
  try {
    new Scanner(text, undefined).scanDocument()
    return undefined
  } catch (error) {
    if (error instanceof JsonSyntaxError) return error.offset
    throw error
  }
}

/** Offset where the value named by a JSON pointer starts, or undefined if absent or invalid. */
export function findPointerOffset(text: string, pointer: string): number | undefined {
  const scanner = new Scanner(text, pointer)
  try {
    scanner.scanDocument()
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error
  }
  return scanner.found
}
