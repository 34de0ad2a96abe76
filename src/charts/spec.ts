/**
 * Reading chart spec files: JSON parsing with `file:line:column` errors, a light check that the value
 * is a Vega-Lite view, and mapping a renderer error's JSON pointer back to a line and column.
 * JSON.parse decides validity and builds the value; only when it fails, or when an error names a
 * JSON pointer, does jsonc-parser (strict: no comments, no trailing commas) supply the offset.
 */
import {
  findNodeAtLocation,
  type Node as JsonNode,
  type ParseError,
  type ParseOptions,
  parseTree,
  printParseErrorCode,
} from 'jsonc-parser'
import { location } from 'vfile-location'
import { chartMessages } from '../diagnostics/chart-messages.ts'
import { ChartError } from './errors.ts'

/** A parsed spec that passed the light Vega-Lite check; its contents are still unvalidated. */
export type VegaLiteSpecObject = Record<string, unknown>

/** Top-level keys of which a Vega-Lite view spec has at least one. */
const VIEW_KEYS = ['mark', 'layer', 'concat', 'hconcat', 'vconcat', 'facet', 'repeat'] as const

/**
 * Parses a `.vl.json` file. Throws ChartError `chart-invalid-json` with the 1-based line and column
 * of a syntax error, or `chart-compile` if the value is not a Vega-Lite view.
 */
export function parseSpecJson(text: string, path: string): VegaLiteSpecObject {
  // JSON.parse rejects a byte-order mark; editors do not count it as a column, so drop it first.
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text
  let value: unknown
  try {
    value = JSON.parse(source)
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error
    throw invalidJsonError(error, source, path)
  }
  try {
    assertVegaLiteSpec(value)
  } catch (error) {
    if (error instanceof ChartError) {
      throw new ChartError({ ...error.details(), specFile: path, specLine: 1, specColumn: 1 })
    }
    throw error
  }
  return value
}

function invalidJsonError(error: SyntaxError, source: string, path: string): ChartError {
  const [first] = strictJsonErrors(source)
  const { line, column } = offsetToPosition(source, first?.offset ?? source.length)
  return new ChartError(
    {
      ...chartMessages.invalidJson(
        first === undefined ? engineDetail(error.message) : syntaxErrorReason(first, source),
      ),
      specFile: path,
      specLine: line,
      specColumn: column,
    },
    { cause: error },
  )
}

/** JSON as JSON.parse reads it: jsonc-parser's JSONC extensions switched off. */
const STRICT_JSON: ParseOptions = {
  disallowComments: true,
  allowTrailingComma: false,
  allowEmptyContent: false,
}

function strictJsonErrors(source: string): ParseError[] {
  const errors: ParseError[] = []
  parseTree(source, errors, STRICT_JSON)
  return errors
}

/**
 * Reasons for jsonc-parser's error codes, phrased like the engine's (which vary between Node
 * versions and often carry no position, hence not used when the parser found the error).
 */
const syntaxErrorReasons: Readonly<Record<string, string>> = {
  InvalidSymbol: 'Unexpected token',
  InvalidNumberFormat: 'Invalid number',
  PropertyNameExpected: 'Expected double-quoted property name',
  ValueExpected: 'Expected a value',
  ColonExpected: "Expected ':' after property name",
  CommaExpected: "Expected ','",
  CloseBraceExpected: "Expected ',' or '}' after property value",
  CloseBracketExpected: "Expected ',' or ']' after array element",
  EndOfFileExpected: 'Unexpected non-whitespace character after JSON',
  InvalidCommentToken: 'Comments are not allowed in JSON',
  UnexpectedEndOfComment: 'Comments are not allowed in JSON',
  UnexpectedEndOfString: 'Unterminated string',
  UnexpectedEndOfNumber: 'Invalid number',
  InvalidUnicode: 'Bad Unicode escape in string',
  InvalidEscapeCharacter: 'Bad escaped character in string',
  InvalidCharacter: 'Bad control character in string',
}

function syntaxErrorReason(error: ParseError, source: string): string {
  const code = printParseErrorCode(error.error)
  const reason = syntaxErrorReasons[code] ?? code
  if (code !== 'InvalidSymbol') return reason
  return `${reason} \`${source.slice(error.offset, error.offset + Math.min(error.length, 20))}\``
}

/** The engine's message without position and quoted-input noise (if jsonc-parser found nothing). */
function engineDetail(message: string): string {
  return message
    .replace(/,? ".*" is not valid JSON$/s, '')
    .replace(/ in JSON at position \d+.*$/s, '')
    .trim()
}

/** A 1-based line and column (UTF-16 code units, as editors count); past the end clamps to it. */
function offsetToPosition(text: string, offset: number): { line: number; column: number } {
  const point = location(text).toPoint(Math.max(0, Math.min(offset, text.length)))
  return point === undefined ? { line: 1, column: 1 } : { line: point.line, column: point.column }
}

/** Offset where the value named by a JSON pointer (RFC 6901) starts, if the spec has it. */
function findPointerOffset(source: string, pointer: string): number | undefined {
  let node: JsonNode | undefined = parseTree(source, [], STRICT_JSON)
  const segments = pointer === '' ? [] : pointer.split('/').slice(1)
  for (const segment of segments) {
    if (node === undefined) return undefined
    const key = segment.replaceAll('~1', '/').replaceAll('~0', '~')
    node = findNodeAtLocation(node, [node.type === 'array' ? Number(key) : key])
  }
  return node?.offset
}

/**
 * A light structural check, shared by parseSpecJson and the renderer: a JSON object that has at
 * least one Vega-Lite view key. Deeper checks are left to the Vega-Lite compiler.
 */
export function assertVegaLiteSpec(value: unknown): asserts value is VegaLiteSpecObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ChartError(chartMessages.notVegaLite(describeJsonValue(value)))
  }
  const schema = (value as Record<string, unknown>).$schema
  if (typeof schema === 'string' && /\/vega\/v\d/.test(schema)) {
    throw new ChartError(chartMessages.notVegaLite('a Vega (not Vega-Lite) spec'))
  }
  if (!VIEW_KEYS.some((key) => key in value)) {
    throw new ChartError(chartMessages.notVegaLite('an object without a view key'))
  }
}

function describeJsonValue(value: unknown): string {
  if (value === null) return '`null`'
  if (Array.isArray(value)) return 'an array'
  return `a ${typeof value}`
}

/**
 * Returns the error with `specFile`, `specLine` and `specColumn` filled in from its `specPointer`,
 * given the spec's source text. The renderer only sees parsed JSON, so the build calls this with the
 * file it read. Errors without a pointer get the file only.
 */
export function withSpecPosition(error: ChartError, text: string, path: string): ChartError {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text
  const offset =
    error.specPointer === undefined ? undefined : findPointerOffset(source, error.specPointer)
  const position = offset === undefined ? undefined : offsetToPosition(source, offset)
  return new ChartError(
    {
      ...error.details(),
      specFile: path,
      ...(position !== undefined && { specLine: position.line, specColumn: position.column }),
    },
    { cause: error.cause ?? error },
  )
}
