/**
 * The TypeScript highlighter, in a module of its own so rehype-highlight can import it lazily:
 * only a static named import of lowlight lets the bundler drop the ~190 grammars it does not use.
 */
import type { ElementContent } from 'hast'
import typescript from 'highlight.js/lib/languages/typescript'
import { createLowlight } from 'lowlight'

const lowlight = createLowlight({ typescript })

/** TypeScript source as highlight.js `<span class="hljs-…">` elements and text. */
export function highlightTypeScript(code: string): ElementContent[] {
  return lowlight.highlight('typescript', code).children as ElementContent[]
}
