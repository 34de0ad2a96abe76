/**
 * Links to other parts of the series (`/blog/…`) live outside this site. Root-relative links
 * break under a Pages subpath, so they are resolved against the configured series base URL.
 */
import type { Root } from 'hast'
import { walkElements } from './walk-elements.ts'

/** Options: the absolute URL that `/…` links are relative to. */
export interface SeriesLinksOptions {
  readonly seriesBaseUrl: string
}

/** The unified plugin. */
export default function rehypeSeriesLinks(options: SeriesLinksOptions) {
  const base = options.seriesBaseUrl.replace(/\/+$/, '')
  return (tree: Root): void => {
    walkElements(tree, (node) => {
      const href = node.properties.href
      if (
        node.tagName === 'a' &&
        typeof href === 'string' &&
        href.startsWith('/') &&
        !href.startsWith('//')
      ) {
        node.properties.href = base + href
      }
    })
  }
}
