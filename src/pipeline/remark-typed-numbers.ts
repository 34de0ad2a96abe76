/**
 * Typed numbers are caught at build. A `:val` that reads no figure is an error (a literal is
 * not a computed number); a number typed by hand in prose, headings, captions, table cells,
 * claims' wording and the front matter's title and summary is a warning at its position, naming
 * the figure and the directive to write when it matches a figure's formatted value.
 */
import type { Nodes, Root } from 'mdast'
import { toString as mdastToString } from 'mdast-util-to-string'
import type { VFile } from 'vfile'
import { location } from 'vfile-location'
import { messages } from '../diagnostics/messages.ts'
import type { ExprNode } from '../expr/ast.ts'
import { parseExpression } from '../expr/parse.ts'
import { formatter } from '../format/number.ts'
import type { ModelSession } from './session.ts'
import {
  ALLOWED_NUMBER_RULES,
  type AllowedNumberRule,
  TYPED_NUMBER_PATTERN,
} from './typed-number-rules.ts'

/** The rule id of the warning, which `--strict` turns into an error. */
export const TYPED_NUMBER_RULE = 'typed-number'

export interface RemarkTypedNumbersOptions {
  readonly session: ModelSession
  readonly registry: ReadonlyMap<string, unknown>
}

/** Directives whose label is an expression, not prose. */
const expressionDirectives = new Set(['val', 'check'])
/** Nodes whose text is not prose. */
const skipped = new Set(['code', 'inlineCode', 'html', 'yaml', 'definition'])

/** The unified plugin. */
export default function remarkTypedNumbers(options: RemarkTypedNumbersOptions) {
  return (tree: Root, file: VFile): void => {
    const source = String(file.value)
    const place = location(file)
    const formats = new Set<string>()
    const found: Array<{ start: number; end: number; text: string }> = []
    const lint = (text: string, offset: number, inHeading: boolean) => {
      for (const hit of typedNumbers(text, inHeading)) {
        found.push({
          start: offset + hit.index,
          end: offset + hit.index + hit.text.length,
          text: hit.text,
        })
      }
    }
    const walk = (node: Nodes, inHeading: boolean): void => {
      if (skipped.has(node.type)) return
      if (node.type === 'text') {
        const start = node.position?.start.offset
        const end = node.position?.end.offset
        // Positions come from the source when the text is verbatim there (no escapes).
        const raw = start !== undefined && end !== undefined ? source.slice(start, end) : undefined
        if (start !== undefined && raw === node.value) lint(node.value, start, inHeading)
        else if (start !== undefined) lintLoose(node.value, start, raw)
        return
      }
      if (
        node.type === 'textDirective' ||
        node.type === 'leafDirective' ||
        node.type === 'containerDirective'
      ) {
        const fmt = node.attributes?.fmt
        if (fmt) formats.add(fmt)
        const claim = node.attributes?.claim
        if (claim && node.position?.start.offset !== undefined) {
          const from = node.position.start.offset
          lintLoose(claim, from, source.slice(from, node.position.end.offset))
        }
        if (expressionDirectives.has(node.name)) {
          if (node.name === 'val') checkLiteral(node, file)
          return
        }
        if (node.type === 'textDirective' && !options.registry.has(node.name)) {
          // Prose that looked like a directive (`10:30`): lint its source text.
          const { start, end } = node.position ?? {}
          if (start?.offset !== undefined && end?.offset !== undefined)
            lint(source.slice(start.offset, end.offset), start.offset, inHeading)
          return
        }
      }
      if (!('children' in node)) return
      const children = node.children as Nodes[]
      for (let i = 0; i < children.length; i++) {
        const atStart = node.type === 'heading' && i === 0
        // Text split by a directive-looking colon (`10:30`, `3:1`) is linted as one run.
        let j = i
        while (j + 1 < children.length && joins(children[j], children[j + 1])) j++
        const run = children.slice(i, j + 1)
        const from = run[0]?.position?.start.offset
        const to = run[run.length - 1]?.position?.end.offset
        if (j > i && from !== undefined && to !== undefined && run.every(verbatim)) {
          lint(source.slice(from, to), from, atStart)
          i = j
          continue
        }
        walk(children[i] as Nodes, atStart)
      }
    }
    const isProse = (node: Nodes | undefined): boolean =>
      node?.type === 'text' ||
      (node?.type === 'textDirective' &&
        !options.registry.has(node.name) &&
        !expressionDirectives.has(node.name))
    const joins = (a: Nodes | undefined, b: Nodes | undefined): boolean =>
      isProse(a) &&
      isProse(b) &&
      a?.position?.end.offset !== undefined &&
      a.position.end.offset === b?.position?.start.offset
    const verbatim = (node: Nodes): boolean =>
      node.type !== 'text' ||
      source.slice(node.position?.start.offset, node.position?.end.offset) === node.value
    // Text that is not verbatim in the source (escapes, attributes): each hit is looked up in
    // the node's source, in order; if it is not there, it is reported at the node's start.
    const lintLoose = (text: string, offset: number, raw: string | undefined) => {
      let cursor = 0
      for (const hit of typedNumbers(text, false)) {
        const at = raw?.indexOf(hit.text, cursor) ?? -1
        if (at >= 0) cursor = at + hit.text.length
        const start = offset + Math.max(at, 0)
        found.push({ start, end: at >= 0 ? start + hit.text.length : start + 1, text: hit.text })
      }
    }
    walk(tree, false)
    lintFrontmatter(tree, source, lint)
    if (found.length === 0) return
    const byText = figuresByFormattedValue(options.session, formats)
    for (const hit of found) {
      const figure = byText.get(normalise(hit.text))
      const m = messages.typedNumber(hit.text, figure)
      const start = place.toPoint(hit.start)
      const end = place.toPoint(hit.end)
      const message = file.message(m.reason, {
        place: start && end ? { start, end } : start,
        ruleId: TYPED_NUMBER_RULE,
        source: 'article',
      })
      message.note = m.hint
    }
  }
}

/** Numbers typed in `text` that no allow rule covers. */
export function typedNumbers(
  text: string,
  inHeading: boolean,
): Array<{ index: number; text: string }> {
  const numbers = [...text.matchAll(TYPED_NUMBER)]
  // Most text has no number at all (the article's numbers are directives): no rule to run.
  if (numbers.length === 0) return []
  const allowed: Array<[number, number]> = []
  for (const rule of ALLOWED_NUMBER_RULES) {
    if (rule.where === 'heading-start' && !inHeading) continue
    for (const m of text.matchAll(compiled(rule))) allowed.push([m.index, m.index + m[0].length])
  }
  const hits: Array<{ index: number; text: string }> = []
  for (const m of numbers) {
    const end = m.index + m[0].length
    if (!allowed.some(([a, b]) => a <= m.index && end <= b))
      hits.push({ index: m.index, text: m[0] })
  }
  return hits
}

/** matchAll copies it, so its lastIndex stays 0. */
const TYPED_NUMBER = new RegExp(TYPED_NUMBER_PATTERN, 'g')

const regexes = new Map<AllowedNumberRule, RegExp>()
function compiled(rule: AllowedNumberRule): RegExp {
  let re = regexes.get(rule)
  if (!re) {
    re = new RegExp(rule.pattern, 'gu')
    regexes.set(rule, re)
  }
  re.lastIndex = 0
  return re
}

/** The front matter's `title` and `summary` values, directives blanked out. */
function lintFrontmatter(
  tree: Root,
  source: string,
  lint: (text: string, offset: number, inHeading: boolean) => void,
): void {
  const yaml = tree.children.find((child) => child.type === 'yaml')
  const start = yaml?.position?.start.offset
  if (!yaml || start === undefined) return
  const base = source.indexOf('\n', start) + 1
  for (const m of yaml.value.matchAll(/^(title|summary):(.*)$/gm)) {
    const value = (m[2] ?? '').replace(/:[a-z]+\[[^\]]*\](?:\{[^}]*\})?/g, (d) =>
      ' '.repeat(d.length),
    )
    lint(value, base + m.index + (m[1]?.length ?? 0) + 1, false)
  }
}

/** `:val[…]` over no figure is an error at the directive. */
function checkLiteral(node: Nodes, file: VFile): void {
  const expression = mdastToString(node).trim()
  let ast: ExprNode
  try {
    ast = parseExpression(expression)
  } catch {
    return // the directive stage reports syntax errors
  }
  if (readsFigure(ast)) return
  const m = messages.literalVal(expression)
  const message = file.message(m.reason, {
    place: node.position,
    ruleId: 'literal-val',
    source: 'article',
  })
  message.fatal = true
  message.note = m.hint
}

function readsFigure(node: ExprNode): boolean {
  switch (node.type) {
    case 'figure':
      return true
    case 'unary':
      return readsFigure(node.argument)
    case 'binary':
      return readsFigure(node.left) || readsFigure(node.right)
    case 'call':
      return node.arguments.some(readsFigure)
    default:
      return false
  }
}

/**
 * Every figure's text, to its id: first under its own format, then under the formats the page
 * uses that belong to the same family (a ratio under `ratio0`, dollars under `usd0`), so `58x`
 * does not name a count of GPU-hours.
 */
function figuresByFormattedValue(
  session: ModelSession,
  formats: ReadonlySet<string>,
): Map<string, string> {
  const evaluation = session.evaluation(session.defaultScenario).evaluation
  const byText = new Map<string, string>()
  const add = (id: string, spec: string, value: number) => {
    let text: string
    try {
      text = normalise(formatter(spec)(value))
    } catch {
      return
    }
    if (!byText.has(text)) byText.set(text, id)
  }
  const figures = evaluation.model.ids.map((id) => evaluation.figure(id))
  for (const figure of figures) add(figure.id, figure.format, figure.value)
  for (const figure of figures) {
    for (const spec of formats)
      if (family(spec) === family(figure.format)) add(figure.id, spec, figure.value)
  }
  return byText
}

/** `usd0` and `usd2` are both `usd`; a d3 specifier with `$` is dollars too. */
const family = (spec: string) => (spec.includes('$') ? 'usd' : spec.replace(/\d+$|PerPair$/, ''))

const normalise = (text: string) => text.replace(/x$/, '×').replace(/\s+/g, '')
