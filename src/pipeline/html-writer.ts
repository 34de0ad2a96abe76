/**
 * The page's HTML as `toHtml(nodes, HTML_OPTIONS)` writes it, byte for byte, in a third of the
 * time. hast-util-to-html is general (any quote, either schema, every option), and pays for it
 * on each of the page's ~5,700 elements: a schema lookup for every attribute, an options object
 * for every escaped string, and a `join` at every level, which copies each section's HTML again
 * for each element around it. Its serialisation was the largest cost of a page
 * (`npm run build -- --cpu-prof`: ~9.6 ms of ~63 ms).
 *
 * This writer does the common case, HTML elements, text and raw nodes under HTML_OPTIONS, with
 * the same libraries for the decisions: property-information for what an attribute is and how
 * it is named, comma- and space-separated-tokens for list values, stringify-entities for
 * escapes, html-void-elements for the void elements. It hands everything else to toHtml itself:
 * SVG (another schema), `template`, comments and doctypes, none of which depends on where it
 * stands. The only rules written out here are the HTML spec's optional start and end tags, which
 * hast-util-to-html keeps in files it does not export (lib/omission/opening.js, closing.js);
 * they are repeated rule for rule, and test/pipeline/html-writer.test.ts holds the two writers
 * to the same bytes.
 */
import { stringify as commas } from 'comma-separated-tokens'
import type { Element, Parents, Root, RootContent } from 'hast'
import { toHtml } from 'hast-util-to-html'
import { htmlVoidElements } from 'html-void-elements'
import { find, html as htmlSchema, type Info } from 'property-information'
import { stringify as spaces } from 'space-separated-tokens'
import { stringifyEntities } from 'stringify-entities'
import { HTML_OPTIONS } from './html-options.ts'

/** `nodes` as toHtml(nodes, HTML_OPTIONS) writes them. */
export function writeHtml(nodes: Root | RootContent[]): string {
  return writeHtmlParts(nodes).join('')
}

/**
 * writeHtml's text in parts of about PART characters, in order. A page's HTML as one string is
 * ~250,000 characters, two bytes each: flattening it to write it takes half a megabyte of fresh
 * memory, ~120 page faults of ~10 µs each on these machines, where parts this size are flattened
 * in memory V8 reuses.
 */
export function writeHtmlParts(nodes: Root | RootContent[]): string[] {
  const root: Root = Array.isArray(nodes) ? { type: 'root', children: nodes } : nodes
  const out = new Output()
  children(root, out)
  return out.parts()
}

/** The size of writeHtmlParts' parts, in characters. */
const PART = 16_384

/** The writer's text so far: finished parts, and the one being appended to. */
class Output {
  /** Characters written so far: an element tells by it whether it wrote any content. */
  length = 0
  #done: string[] = []
  #text = ''

  add(text: string): void {
    this.#text += text
    this.length += text.length
    if (this.#text.length >= PART) {
      this.#done.push(this.#text)
      this.#text = ''
    }
  }

  parts(): string[] {
    if (this.#text) this.#done.push(this.#text)
    this.#text = ''
    return this.#done
  }
}

function children(parent: Parents, out: Output): void {
  const nodes = parent.children
  for (let i = 0; i < nodes.length; i++) one(nodes[i] as RootContent, i, parent, out)
}

function one(node: RootContent, index: number, parent: Parents, out: Output): void {
  switch (node.type) {
    case 'element':
      if (node.tagName === 'svg' || node.tagName === 'template') out.add(toHtml(node, HTML_OPTIONS))
      else element(node, index, parent, out)
      return
    case 'text':
      out.add(
        parent.type === 'element' && (parent.tagName === 'script' || parent.tagName === 'style')
          ? node.value
          : escaped(node.value, TEXT),
      )
      return
    default:
      // `raw` is written as it is (allowDangerousHtml); comments and doctypes as toHtml writes them.
      out.add(
        (node as { type: string }).type === 'raw'
          ? (node as unknown as { value: string }).value
          : toHtml(node, HTML_OPTIONS),
      )
  }
}

const VOID = new Set(htmlVoidElements)

function element(node: Element, index: number, parent: Parents, out: Output): void {
  const attributes = node.properties ? serializeAttributes(node.properties) : ''
  if (attributes || !opening(node, index, parent))
    out.add(attributes ? `<${node.tagName} ${attributes}>` : `<${node.tagName}>`)
  const start = out.length
  children(node, out)
  const selfClosing = out.length === start && VOID.has(node.tagName.toLowerCase())
  if (!selfClosing && !closing(node, index, parent)) out.add(`</${node.tagName}>`)
}

// --- Attributes ---------------------------------------------------------------------------

/** What toHtml needs of an attribute, by property name: its info, and its name escaped. */
interface Attribute {
  readonly info: Info
  readonly name: string
}

const attributeByKey = new Map<string, Attribute>()

function attributeOf(key: string): Attribute {
  let found = attributeByKey.get(key)
  if (!found) {
    const info = find(htmlSchema, key)
    found = { info, name: escaped(info.attribute, NAME) }
    attributeByKey.set(key, found)
  }
  return found
}

function serializeAttributes(properties: Element['properties']): string {
  let html = ''
  for (const key in properties) {
    const value = properties[key]
    if (value === null || value === undefined) continue
    const attribute = serializeAttribute(attributeOf(key), value)
    if (attribute) html = html ? `${html} ${attribute}` : attribute
  }
  return html
}

type PropertyValue = NonNullable<Element['properties'][string]>

function serializeAttribute({ info, name }: Attribute, given: PropertyValue): string {
  let value: PropertyValue = given
  if (info.overloadedBoolean && (value === info.attribute || value === '')) value = true
  else if (
    (info.boolean || info.overloadedBoolean) &&
    (typeof value !== 'string' || value === info.attribute || value === '')
  )
    value = Boolean(value)
  if (value === false || (typeof value === 'number' && Number.isNaN(value))) return ''
  if (value === true) return name
  const text = Array.isArray(value)
    ? (info.commaSeparated ? commas : spaces)(value as string[], { padLeft: true })
    : String(value)
  // collapseEmptyAttributes: an empty value is written as the bare name.
  if (!text) return name
  return `${name}="${escaped(text, DOUBLE_QUOTED)}"`
}

// --- Escapes ------------------------------------------------------------------------------

/** stringify-entities' options and a test for whether a string needs them at all. */
interface Escapes {
  readonly test: RegExp
  readonly options: Parameters<typeof stringifyEntities>[1]
}

/** The characters toHtml escapes, by place (its `constants` with allowParseErrors and
 * allowDangerousCharacters off, and text.js's subset). */
const escapes = (characters: string, attribute: boolean): Escapes => ({
  test: new RegExp(`[${characters.replace(/[\\\]^-]/g, '\\$&')}]`),
  options: { subset: characters.split(''), attribute },
})
const TEXT = escapes('<&', false)
const NAME = escapes('\0\t\n\f\r "&\'/<=>`', false)
const DOUBLE_QUOTED = escapes('\0"&\'`', true)

function escaped(value: string, { test, options }: Escapes): string {
  return test.test(value) ? stringifyEntities(value, options) : value
}

// --- Optional tags (HTML, "Optional tags"; hast-util-to-html lib/omission/) ----------------

/** Whether a node is inter-element white space, as hast-util-whitespace defines it. */
function whitespace(node: RootContent | undefined): boolean {
  return node?.type === 'text' && /^[ \t\n\f\r]*$/.test(node.value)
}

/** The sibling after `index` in `parent` (skipping white space unless asked not to). */
function after(parent: Parents, index: number, includeWhitespace = false): RootContent | undefined {
  let offset = index + 1
  let next = parent.children[offset]
  if (!includeWhitespace) while (next && whitespace(next)) next = parent.children[++offset]
  return next
}

function before(parent: Parents, index: number): RootContent | undefined {
  let offset = index - 1
  let previous = parent.children[offset]
  while (previous && whitespace(previous)) previous = parent.children[--offset]
  return previous
}

const isElement = (node: RootContent | undefined, names: readonly string[]): node is Element =>
  node?.type === 'element' && names.includes(node.tagName)

/** A text whose first character is white space; closing.js counts an empty text as one too. */
const firstWhitespace = (node: RootContent | undefined): boolean =>
  node?.type === 'text' && /^(?:[ \t\n\f\r]|$)/.test(node.value)

/** Whether the start tag of an element without attributes may be left out. */
function opening(node: Element, index: number, parent: Parents): boolean {
  switch (node.tagName) {
    case 'html':
      return after(node, -1)?.type !== 'comment'
    case 'head': {
      const seen = new Set<string>()
      for (const child of node.children)
        if (isElement(child, ['base', 'title'])) {
          if (seen.has(child.tagName)) return false
          seen.add(child.tagName)
        }
      const first = node.children[0]
      return !first || first.type === 'element'
    }
    case 'body': {
      const first = after(node, -1, true)
      return (
        !first ||
        (first.type !== 'comment' &&
          !firstWhitespace(first) &&
          !isElement(first, ['meta', 'link', 'script', 'style', 'template']))
      )
    }
    case 'colgroup':
    case 'tbody': {
      const previous = before(parent, index)
      const closedBefore = node.tagName === 'colgroup' ? ['colgroup'] : ['thead', 'tbody']
      if (
        isElement(previous, closedBefore) &&
        closing(previous, parent.children.indexOf(previous), parent)
      )
        return false
      const first = after(node, -1, node.tagName === 'colgroup')
      return isElement(first, node.tagName === 'colgroup' ? ['col'] : ['tr'])
    }
    default:
      return false
  }
}

/** Elements whose start closes an open `p` (HTML's list, as closing.js has it). */
const CLOSES_P = new Set(
  'address article aside blockquote details div dl fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr main menu nav ol p pre section table ul'.split(
    ' ',
  ),
)

/** Parents in which a `p` at the end keeps its end tag. */
const KEEPS_LAST_P = new Set('a audio del ins map noscript video'.split(' '))

/** Whether the end tag of an element may be left out. */
function closing(node: Element, index: number, parent: Parents): boolean {
  switch (node.tagName) {
    case 'caption':
    case 'colgroup':
    case 'head': {
      const next = after(parent, index, true)
      return !next || (next.type !== 'comment' && !firstWhitespace(next))
    }
    case 'html':
    case 'body':
      return after(parent, index)?.type !== 'comment'
    case 'p': {
      const next = after(parent, index)
      if (next) return next.type === 'element' && CLOSES_P.has(next.tagName)
      return !(
        parent.type === 'element' &&
        (KEEPS_LAST_P.has(parent.tagName) || parent.tagName.includes('-'))
      )
    }
    case 'dt':
    case 'thead':
      return isElement(after(parent, index), CLOSED_BY.get(node.tagName) ?? [])
    case 'tfoot':
      return !after(parent, index)
    default: {
      const names = CLOSED_BY.get(node.tagName)
      if (!names) return false
      const next = after(parent, index)
      return !next || isElement(next, names)
    }
  }
}

/** The elements whose start ends an element's content (for most: so does its parent's end). */
const CLOSED_BY = new Map<string, readonly string[]>([
  ['li', ['li']],
  ['dt', ['dt', 'dd']],
  ['dd', ['dt', 'dd']],
  ['rp', ['rp', 'rt']],
  ['rt', ['rp', 'rt']],
  ['optgroup', ['optgroup']],
  ['option', ['option', 'optgroup']],
  ['thead', ['tbody', 'tfoot']],
  ['tbody', ['tbody', 'tfoot']],
  ['tr', ['tr']],
  ['td', ['td', 'th']],
  ['th', ['td', 'th']],
])
