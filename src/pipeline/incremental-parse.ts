/**
 * Markdown parsed again only where it changed. The writing loop re-parses an article after every
 * edit, and parsing was the largest single cost of a rebuild (micromark, ~40 ms for the article).
 * The last parse is kept, untouched: the new text is compared with it, the top-level blocks before
 * and after the change are reused (those after moved by the edit's length, which is only noted
 * beside them: the tree handed out is copied once, each block moved on the way), and only the blocks
 * the change touches, plus one on each side, are parsed again, from the start of a line so
 * indentation keeps its meaning; the block after the change must come out as it was. Where a
 * partial parse could read differently from a whole one, the whole text is parsed: link or
 * footnote definitions (they change how text elsewhere parses), a block after the change that
 * parses differently, or no reusable block.
 * test/pipeline/incremental-parse.test.ts checks random edits against whole parses.
 */
import type { Root, RootContent } from 'mdast'
import { VFile } from 'vfile'

type Position = NonNullable<Root['position']>
type Point = Position['start']

/** A definition (`[x]: url`, `[^x]: note`) at the start of a line. */
const DEFINITION = /^ {0,3}\[[^\]\n]+\]:/m

/**
 * A top-level block of the kept parse: the node as it was parsed (never handed out, so the
 * plugins that change the tree they get cannot change it), and how far it has moved since, in
 * characters and lines. Blocks after an edit only add the edit's length to their shift; the
 * tree handed out is copied once, each block moved by its shift on the way.
 */
interface Kept {
  readonly node: RootContent
  readonly offset: number
  readonly lines: number
}

/** Parses `file` as the processor does, reusing the previous parse where the text is the same. */
export function incrementalParser(parse: (file: VFile) => Root): (file: VFile) => Root {
  let last: { readonly source: string; readonly blocks: readonly Kept[] } | undefined
  return (file) => {
    const source = String(file.value)
    let blocks = last && reparse(last.source, last.blocks, source, parse)
    let root: Omit<Root, 'children'>
    if (blocks)
      root = {
        type: 'root',
        position: { start: point(source, 0), end: point(source, source.length) },
      }
    else {
      const { children, ...rest } = parse(file)
      root = rest
      blocks = children.map((node) => ({ node, offset: 0, lines: 0 }))
    }
    last = { source, blocks }
    // A copy by hand: structuredClone took seven times as long on the article's tree.
    return {
      ...moved(root, 0, 0),
      children: blocks.map(({ node, offset, lines }) => moved(node, offset, lines)),
    }
  }
}

function reparse(
  before: string,
  blocks: readonly Kept[],
  source: string,
  parse: (file: VFile) => Root,
): Kept[] | undefined {
  // Lines are counted by \n: text with a carriage return (not normalised by read/) parses whole.
  if (DEFINITION.test(before) || DEFINITION.test(source) || source.includes('\r')) return undefined
  const { prefix, suffix } = sameEnds(before, source)
  if (blocks.length < 3) return undefined
  // The blocks the change touches, widened by one on each side: the block after must come out
  // of the new parse as it was, which shows the parse is back in step (an unclosed fence or
  // container would swallow it), so every block after it is read as before.
  let first = blocks.findIndex((b) => offset(b, 'end') >= prefix)
  if (first < 0) first = blocks.length - 1
  first = Math.max(0, first - 1)
  const touched = findLastIndex(blocks, (b) => offset(b, 'start') <= before.length - suffix)
  const anchor = Math.max(touched, first) + 1
  const toEnd = anchor >= blocks.length
  if (first === 0 && toEnd) return undefined
  const start = first === 0 ? 0 : lineStart(before, offset(blocks[first], 'start'))
  const oldEnd = toEnd ? before.length : offset(blocks[anchor], 'end')
  const delta = source.length - before.length
  if (start > prefix || oldEnd < before.length - suffix) return undefined
  // Parsed after a blank line, which markdown ignores at the start of a text, so a region
  // opening with `---` is a thematic break, as in the article, not front matter.
  const pad = start > 0 ? 1 : 0
  const region = `${pad ? '\n' : ''}${source.slice(start, oldEnd + delta)}`
  const shift = { offset: start - pad, lines: countLines(source, start) - pad }
  const parsed = parse(new VFile({ value: region })).children.map((node) => ({ node, ...shift }))
  const lineDelta = countLines(source, source.length) - countLines(before, before.length)
  const after = blocks
    .slice(anchor + 1)
    .map((b) => ({ node: b.node, offset: b.offset + delta, lines: b.lines + lineDelta }))
  if (!toEnd) {
    const resync = parsed.at(-1)
    const expected = blocks[anchor] as Kept
    if (
      !resync ||
      JSON.stringify(moved(resync.node, resync.offset, resync.lines)) !==
        JSON.stringify(moved(expected.node, expected.offset + delta, expected.lines + lineDelta))
    )
      return undefined
  }
  return [...blocks.slice(0, first), ...parsed, ...after]
}

/** The lengths of the longest common prefix and suffix, not overlapping. */
function sameEnds(a: string, b: string): { prefix: number; suffix: number } {
  const most = Math.min(a.length, b.length)
  let prefix = 0
  while (prefix < most && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++
  let suffix = 0
  while (
    suffix < most - prefix &&
    a.charCodeAt(a.length - 1 - suffix) === b.charCodeAt(b.length - 1 - suffix)
  )
    suffix++
  return { prefix, suffix }
}

/** Where a kept block starts or ends in the text it was last part of. */
function offset(block: Kept | undefined, side: 'start' | 'end'): number {
  const at = block?.node.position?.[side].offset
  return at === undefined ? 0 : at + (block?.offset ?? 0)
}

function findLastIndex<T>(items: readonly T[], test: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i] as T)) return i
  return -1
}

/** The offset of the start of the line holding `at`. */
function lineStart(text: string, at: number): number {
  return at === 0 ? 0 : text.lastIndexOf('\n', at - 1) + 1
}

/** How many line breaks come before `at`. */
function countLines(text: string, at: number): number {
  let lines = 0
  for (let i = text.indexOf('\n'); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) lines++
  return lines
}

/** The point at `at`: 1-based line and column. */
function point(text: string, at: number): Point {
  const start = lineStart(text, at)
  return { line: countLines(text, at) + 1, column: at - start + 1, offset: at }
}

/**
 * A copy of `node` with every position moved by `offset` characters and `lines` lines. Columns
 * stay: a moved block starts at the start of a line, and blocks after the change are whole lines.
 */
function moved<T>(node: T, offset: number, lines: number): T {
  if (Array.isArray(node)) return node.map((n) => moved(n, offset, lines)) as T
  if (node === null || typeof node !== 'object') return node
  const out: Record<string, unknown> = {}
  // for…in rather than Object.entries: no array of pairs per node (nodes are plain objects).
  for (const key in node) {
    const value: unknown = node[key]
    out[key] =
      key === 'position' && value
        ? shiftPosition(value as Position, offset, lines)
        : moved(value, offset, lines)
  }
  return out as T
}

function shiftPosition(position: Position, offset: number, lines: number): Position {
  const shift = (p: Point): Point => ({
    line: p.line + lines,
    column: p.column,
    offset: p.offset === undefined ? undefined : p.offset + offset,
  })
  return { start: shift(position.start), end: shift(position.end) }
}
