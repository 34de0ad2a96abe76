/**
 * Highlights TypeScript listings at build time with highlight.js (core plus one grammar: ~60 ms
 * to load, where shiki took 0.7–1.9 s on these machines). Its output is only `<span class>`
 * and escaped text, converted to hast here; colours come from the stylesheet (light and dark).
 * Results are memoised by the code's text, so rebuilds skip the highlighter entirely.
 */
import type { Element, ElementContent, Root } from 'hast'
import { toString as hastToString } from 'hast-util-to-string'
import { visit } from 'unist-util-visit'

/** A string cache (memory or disk), keyed by content. */
export interface TextMemo {
  get(key: string): string | undefined
  set(key: string, value: string): void
}

type Highlight = (code: string) => string
let loaded: Promise<Highlight> | undefined

function loadHighlighter(): Promise<Highlight> {
  loaded ??= (async () => {
    const [{ default: hljs }, { default: typescript }] = await Promise.all([
      import('highlight.js/lib/core'),
      import('highlight.js/lib/languages/typescript'),
    ])
    hljs.registerLanguage('typescript', typescript)
    return (code) => hljs.highlight(code, { language: 'typescript', ignoreIllegals: true }).value
  })()
  return loaded
}

const entities: Readonly<Record<string, string>> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#x27;': "'",
}
const decode = (text: string) => text.replace(/&(?:amp|lt|gt|quot|#x27);/g, (e) => entities[e] ?? e)

/** highlight.js HTML (nested `<span class="hljs-…">` and escaped text) as hast. */
export function hljsToHast(html: string): ElementContent[] {
  const root: Element = { type: 'element', tagName: 'code', properties: {}, children: [] }
  const stack: Element[] = [root]
  for (const [token, className] of html.matchAll(/<span class="([^"]*)">|<\/span>|[^<]+/g)) {
    const top = stack[stack.length - 1] as Element
    if (token === '</span>') {
      if (stack.length > 1) stack.pop()
    } else if (className !== undefined) {
      const span: Element = {
        type: 'element',
        tagName: 'span',
        properties: { className: className.split(' ') },
        children: [],
      }
      top.children.push(span)
      stack.push(span)
    } else {
      top.children.push({ type: 'text', value: decode(token) })
    }
  }
  return root.children
}

function isTypeScript(code: Element): boolean {
  const classes = code.properties.className
  return (
    Array.isArray(classes) &&
    (classes.includes('language-ts') || classes.includes('language-typescript'))
  )
}

/** The unified plugin; `memo` keeps highlighted HTML between builds. */
export default function rehypeHighlight(options: { memo: TextMemo }) {
  return async (tree: Root): Promise<void> => {
    const codes: Element[] = []
    visit(tree, 'element', (node, _i, parent) => {
      if (
        node.tagName === 'code' &&
        parent?.type === 'element' &&
        parent.tagName === 'pre' &&
        isTypeScript(node)
      )
        codes.push(node)
    })
    for (const code of codes) {
      const text = hastToString(code)
      const key = `hljs-11:${text}`
      let html = options.memo.get(key)
      if (html === undefined) {
        html = (await loadHighlighter())(text)
        options.memo.set(key, html)
      }
      code.children = hljsToHast(html)
      code.properties.className = ['hljs', 'language-ts']
    }
  }
}
