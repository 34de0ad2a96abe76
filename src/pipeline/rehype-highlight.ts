/**
 * Highlights TypeScript listings at build time with lowlight (highlight.js 11 core plus the one
 * TypeScript grammar, giving hast directly; shiki took 0.7–1.9 s to load on these machines).
 * Output is only `<span class="hljs-…">` and text; colours come from the stylesheet (light and
 * dark). The memo stays: a hit costs 0.3 ms, while a fresh build process that must highlight pays
 * about 60 ms to load lowlight and the grammar and 10 ms for the first listing.
 */
import type { Element, ElementContent, Root } from 'hast'
import { toString as hastToString } from 'hast-util-to-string'
import { walkElements } from './walk-elements.ts'

/** A string cache (memory or disk), keyed by content. */
export interface TextMemo {
  get(key: string): string | undefined
  set(key: string, value: string): void
}

/** Imported on first use: a build whose listings are all memoised never loads highlight.js. */
let loaded: Promise<typeof import('./highlighter.ts')> | undefined

function isTypeScript(code: Element): boolean {
  const classes = code.properties.className
  return (
    Array.isArray(classes) &&
    (classes.includes('language-ts') || classes.includes('language-typescript'))
  )
}

/** The unified plugin; `memo` keeps highlighted trees (as JSON) between builds. */
export default function rehypeHighlight(options: { memo: TextMemo }) {
  return async (tree: Root): Promise<void> => {
    const codes: Element[] = []
    walkElements(tree, (node, _i, parent) => {
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
      const key = `lowlight-3:${text}`
      const memoised = options.memo.get(key)
      let children: ElementContent[]
      if (memoised === undefined) {
        loaded ??= import('./highlighter.ts')
        children = (await loaded).highlightTypeScript(text)
        options.memo.set(key, JSON.stringify(children))
      } else {
        children = JSON.parse(memoised) as ElementContent[]
      }
      code.children = children
      code.properties.className = ['hljs', 'language-ts']
    }
  }
}
