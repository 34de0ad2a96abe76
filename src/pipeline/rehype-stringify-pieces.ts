/**
 * The page's HTML, written as rehype-stringify writes it but a run of top-level blocks at a
 * time, and the runs put together with `+`. hast-util-to-html joins every child of the root into
 * one string: for the article, ~250,000 characters, two bytes each (it has "–" and "×" in it),
 * which V8 keeps in fresh memory of its own, page-faulted in on every page (~10 µs a fault on
 * these machines) and flattened again when the page is written. Joined with `+`, V8 keeps the
 * runs as they are until the page is written. The bytes are the same (tested): a run ends only
 * where the block after it makes no difference to how the blocks before it are written.
 */
import type { Root, RootContent } from 'hast'
import { type Options, toHtml } from 'hast-util-to-html'
import type { Processor } from 'unified'

/**
 * Elements before which a `<p>` closes without its end tag: a run that ends with a paragraph
 * and is followed by one of these is written the same on its own (HTML's rule for `p`, as
 * hast-util-to-html's omission/closing.js applies it; none of them has an optional start tag).
 */
const CLOSES_P = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'details',
  'div',
  'dl',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'main',
  'menu',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'ul',
])

/**
 * Elements other than `p` whose end tag may be left out depending on what follows (the keys of
 * hast-util-to-html's omission/closing.js, which it does not export): a run never ends after one.
 * A `p` may end a run, as the element that starts the next one closes it either way.
 */
const OPTIONAL_END = new Set([
  'body',
  'caption',
  'colgroup',
  'dd',
  'dt',
  'head',
  'html',
  'li',
  'optgroup',
  'option',
  'rp',
  'rt',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
])

/** Text that is only HTML white space, which hast-util-to-html skips when it looks at siblings. */
const INTER_ELEMENT_WHITESPACE = /^[ \t\n\f\r]*$/

export default function rehypeStringifyPieces(this: Processor, options: Options): void {
  this.compiler = (tree) => htmlInRuns(tree as Root, options)
}

/** `tree` as toHtml writes it, one run of blocks at a time. */
export function htmlInRuns(tree: Root, options: Options): string {
  let html = ''
  let run: RootContent[] = []
  for (const child of tree.children) {
    if (run.length > 0 && startsRun(child) && endsRun(run)) {
      html += toHtml({ type: 'root', children: run }, options)
      run = []
    }
    run.push(child)
  }
  return run.length > 0 ? html + toHtml({ type: 'root', children: run }, options) : html
}

/** Whether a run may start at `node`: an element that closes a paragraph before it. */
function startsRun(node: RootContent): boolean {
  return node.type === 'element' && CLOSES_P.has(node.tagName)
}

/** Whether `run` is written the same whoever follows it (that is, a startsRun element). */
function endsRun(run: readonly RootContent[]): boolean {
  // The last node that is not white space is the one whose end tag could depend on what follows.
  for (let i = run.length - 1; i >= 0; i--) {
    const node = run[i] as RootContent
    if (node.type === 'text' && INTER_ELEMENT_WHITESPACE.test(node.value)) continue
    return node.type !== 'element' || !OPTIONAL_END.has(node.tagName)
  }
  return true
}
