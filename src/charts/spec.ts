/**
 * Reading chart spec files: JSON parsing with `file:line:column` errors, a light check that the value
 * is a Vega-Lite view, and mapping a renderer error's JSON pointer back to a line and column.
 */

import { chartMessages } from '../diagnostics/chart-messages.ts'
import { ChartError } from './errors.ts'
import { findJsonErrorOffset, findPointerOffset, offsetToPosition } from './json-position.ts'

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
  const offset = syntaxErrorOffset(error.message, source)
  const { line, column } = offsetToPosition(source, offset)
  return new ChartError(
    {
      ...chartMessages.invalidJson(syntaxErrorDetail(error.message)),
      specFile: path,
      specLine: line,
      specColumn: column,
    },
    { cause: error },
  )
}

/**
 * Node 20 says `... in JSON at position N`; Node 22 adds `(line L column C)`; some messages
 * (`Unexpected token 'x', "..." is not valid JSON`, `Unexpected end of JSON input`) carry no
 * position, so fall back to our own scanner, then to the end of the text.
 */
function syntaxErrorOffset(message: string, source: string): number {
  const atPosition = /at position (\d+)/.exec(message)
  if (atPosition?.[1] !== undefined) return Number(atPosition[1])
  return findJsonErrorOffset(source) ?? source.length
}

/** The engine's message without position and quoted-input noise, for the reason text. */
function syntaxErrorDetail(message: string): string {
  return message
    .replace(/,? ".*" is not valid JSON$/s, '')
    .replace(/ in JSON at position \d+.*$/s, '')
    .trim()
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
