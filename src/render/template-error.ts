/**
 * Template errors that name the template they happened in.
 *
 * nunjucks reports a failing template as `(path) [Line N, Column M]` in the error message, but for a
 * layout reached through `{% extends %}` it names the child template with the layout's line. So the
 * environment records where each error was first seen (the template whose compiled code caught it)
 * and `toTemplateError` prefers that record to the message.
 */
import { relative, resolve } from 'node:path'
import type nunjucks from 'nunjucks'
import { messages } from '../diagnostics/messages.ts'
import { UserError } from '../diagnostics/user-error.ts'

/** A template failed to load, compile or render: where, and why. */
export class TemplateError extends UserError {
  /** Absolute path of the template that failed. */
  readonly file: string
  /** 1-based line in `file`, when nunjucks knows it. */
  readonly line?: number
  /** 1-based column in `file`, when nunjucks knows it. */
  readonly column?: number

  constructor(where: { file: string; line?: number; column?: number }, reason: string) {
    super({
      ruleId: 'template',
      reason,
      hint: messages.templateHint,
      place: {
        file: relative(process.cwd(), where.file) || where.file,
        line: where.line,
        column: where.column,
      },
    })
    this.name = 'TemplateError'
    this.file = where.file
    if (where.line !== undefined) this.line = where.line
    if (where.column !== undefined) this.column = where.column
  }
}

interface ErrorOrigin {
  file: string
  line?: number
  column?: number
  reason: string
}

type RenderCallback = (error: unknown, output?: unknown) => void
type RenderFunction = (
  env: unknown,
  context: unknown,
  frame: unknown,
  runtime: unknown,
  cb: RenderCallback,
) => void

/** The parts of a nunjucks `Template` that its type declarations leave out. */
interface CompiledTemplate {
  path: string
  compiled: boolean
  rootRenderFunc: RenderFunction
  blocks: Record<string, RenderFunction>
  _compile: () => void
}

type GetTemplate = (...args: unknown[]) => unknown

const origins = new WeakMap<object, ErrorOrigin>()
const instrumented = new WeakSet<object>()
/** Errors thrown by a caller's continuation, by the render functions they passed through. */
const passedThrough = new WeakMap<object, Set<object>>()
/** Errors whose line number belongs to another template than the one they come from. */
const misplacedLines = new WeakSet<object>()

function originOf(error: Error & { lineno?: unknown; colno?: unknown }, file: string) {
  const origin: ErrorOrigin = { file, reason: cleanReason(error.message) }
  if (misplacedLines.has(error)) return origin
  if (typeof error.lineno === 'number' && error.lineno > 0) origin.line = error.lineno
  if (typeof error.colno === 'number' && error.colno > 0) origin.column = error.colno
  return origin
}

function cleanReason(message: string): string {
  return message.replace(/^(?:Template render )?Error: /, '').trim()
}

function wasPassedThrough(error: Error, renderFunction: object): boolean {
  return passedThrough.get(error)?.has(renderFunction) ?? false
}

function markPassedThrough(error: unknown, renderFunction: object): void {
  if (typeof error !== 'object' || error === null) return
  const seen = passedThrough.get(error) ?? new Set()
  seen.add(renderFunction)
  passedThrough.set(error, seen)
}

function recordOrigin(error: unknown, file: string, renderFunction: object): void {
  if (!(error instanceof Error) || origins.has(error)) return
  if (wasPassedThrough(error, renderFunction)) return
  if (error.cause instanceof Error && wasPassedThrough(error.cause, renderFunction)) {
    // Our `try` wrapped the caller's error and gave it our line number: right error, wrong file.
    markPassedThrough(error, renderFunction)
    misplacedLines.add(error)
    return
  }
  origins.set(error, originOf(error, file))
}

/**
 * Wraps a compiled render function so that an error it reports is recorded as coming from
 * `file`, unless a template it called already claimed it. nunjucks runs the caller's code inside
 * the callee's callback, so an error thrown there unwinds into the callee's `try` and comes back
 * through the callee's callback: such errors are marked on the way out and left to the caller.
 */
function wrapRenderFunction(render: RenderFunction, file: string): RenderFunction {
  const self = {}
  return (env, context, frame, runtime, cb) => {
    render(env, context, frame, runtime, (error, output) => {
      recordOrigin(error, file, self)
      try {
        cb(error, output)
      } catch (thrown) {
        markPassedThrough(thrown, self)
        throw thrown
      }
    })
  }
}

function instrumentTemplate(template: CompiledTemplate): void {
  if (instrumented.has(template)) return
  instrumented.add(template)
  const wrapCompiled = () => {
    template.rootRenderFunc = wrapRenderFunction(template.rootRenderFunc, template.path)
    for (const [name, block] of Object.entries(template.blocks)) {
      template.blocks[name] = wrapRenderFunction(block, template.path)
    }
  }
  if (template.compiled) {
    wrapCompiled()
    return
  }
  const compile = template._compile.bind(template)
  template._compile = () => {
    compile()
    wrapCompiled()
  }
}

/**
 * Makes `env` remember which template each render error comes from. Called once by
 * `createEnvironment`; `env` must use `dev: true` so errors keep their identity across templates.
 */
export function trackTemplateErrorOrigins(env: nunjucks.Environment, templatesDir: string): void {
  const target = env as unknown as { getTemplate: GetTemplate }
  const getTemplate = target.getTemplate.bind(env)
  target.getTemplate = (...args: unknown[]) => {
    const name = args[0]
    const parentName = typeof args[2] === 'string' ? args[2] : undefined
    const missingFile = parentName ?? (typeof name === 'string' ? resolve(templatesDir, name) : '')
    const cbIndex = args.findIndex((arg) => typeof arg === 'function')
    if (cbIndex === -1) {
      const template = getTemplate(...args)
      if (template) instrumentTemplate(template as CompiledTemplate)
      return template
    }
    const cb = args[cbIndex] as RenderCallback
    args[cbIndex] = (error: unknown, template?: unknown) => {
      if (error) claimLoadError(error, missingFile)
      else if (template) instrumentTemplate(template as CompiledTemplate)
      cb(error, template)
    }
    return getTemplate(...args)
  }
}

/** Load errors: a compile error names its template in the message; a missing one names none. */
function claimLoadError(error: unknown, file: string): void {
  if (!(error instanceof Error) || origins.has(error)) return
  const located = fromMessage(error.message)
  origins.set(error, located ?? { file, reason: cleanReason(error.message) })
}

/**
 * The innermost `(path) [Line N, Column M]` of a nunjucks message. Each template an error passes
 * through prepends its own `(path)`, so the last one is where it happened.
 */
function fromMessage(message: string): ErrorOrigin | undefined {
  const pattern = /\(([^\n]*?)\)(?: \[Line (\d+)(?:, Column (\d+))?\])?\n {1,2}/g
  let last: RegExpExecArray | undefined
  for (const match of message.matchAll(pattern)) last = match
  if (last === undefined || last[1] === undefined) return undefined
  const origin: ErrorOrigin = {
    file: last[1],
    reason: cleanReason(message.slice((last.index ?? 0) + last[0].length)),
  }
  if (last[2] !== undefined) origin.line = Number(last[2])
  if (last[3] !== undefined) origin.column = Number(last[3])
  return origin
}

/**
 * Converts whatever rendering `template` threw into a `TemplateError` that names the failing file
 * and line. Errors that are not about templates (none are expected) are wrapped all the same, so
 * callers handle one type.
 */
export function toTemplateError(
  error: unknown,
  templatesDir: string,
  template: string,
): TemplateError {
  if (error instanceof TemplateError) return error
  const message = error instanceof Error ? error.message : String(error)
  const origin = (error instanceof Error ? origins.get(error) : undefined) ??
    fromMessage(message) ?? { file: resolve(templatesDir, template), reason: cleanReason(message) }
  const where: { file: string; line?: number; column?: number } = { file: origin.file }
  if (origin.line !== undefined) where.line = origin.line
  if (origin.column !== undefined) where.column = origin.column
  const converted = new TemplateError(where, origin.reason)
  converted.cause = error
  return converted
}
