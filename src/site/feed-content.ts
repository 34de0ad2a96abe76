/**
 * An article body as feed content: computed numbers stay as their text, the provenance popovers
 * and sparklines are dropped (feed readers run no scripts and show no popovers), charts become
 * linked images of the standalone SVGs, and every link and image is absolute.
 */
import type { Element, ElementContent, Root, RootContent } from 'hast'

import { toHtml } from 'hast-util-to-html'

/** Classes of elements left out of the feed entirely. */
const DROPPED = ['provenance-store', 'provenance', 'sparkline', 'anchor', 'print-only']

/** Attributes that only the page's script or popovers use. */
const STRIPPED = ['tabIndex', 'popoverTarget', 'popover', 'ariaDescribedBy']

/**
 * The page's body tree rewritten for a feed entry at `pageUrl` (absolute, ending in `/`);
 * `charts` maps a chart figure's id to its SVG file relative to the page. Works on the tree the
 * page was stringified from (parsing the page's HTML again cost a quarter of a cold build), and
 * rewrites it in place: call it after the page is written.
 */
export function feedContentHtml(
  tree: Root,
  pageUrl: string,
  charts: readonly { readonly id: string; readonly file: string }[],
): string {
  const chartFiles = new Map(charts.map((c) => [c.id, c.file]))
  rewriteChildren(tree, pageUrl, chartFiles, undefined)
  return toHtml(tree, { allowDangerousHtml: true })
}

function rewriteChildren(
  parent: Root | Element,
  pageUrl: string,
  chartFiles: ReadonlyMap<string, string>,
  chartFile: string | undefined,
): void {
  const out: RootContent[] = []
  for (const child of parent.children) {
    if (child.type === 'comment') continue
    if (child.type !== 'element') {
      out.push(child)
      continue
    }
    const classes = classList(child)
    if (child.tagName === 'script' || child.tagName === 'style') continue
    if (DROPPED.some((name) => classes.includes(name))) continue
    if (child.properties.dataFigure !== undefined) {
      // A computed number (a button, or an inputs-table value): its text only.
      rewriteChildren(child, pageUrl, chartFiles, chartFile)
      out.push(...child.children)
      continue
    }
    const figureChart =
      child.tagName === 'figure' && classes.includes('chart')
        ? chartFiles.get(String(child.properties.id ?? ''))
        : undefined
    if (classes.includes('chart-svg') && chartFile) {
      out.push(chartImage(child, new URL(chartFile, pageUrl).href))
      continue
    }
    for (const name of STRIPPED) delete child.properties[name]
    for (const key of Object.keys(child.properties))
      if (key.startsWith('data')) delete child.properties[key]
    for (const key of ['href', 'src'] as const) {
      const value = child.properties[key]
      if (typeof value === 'string') child.properties[key] = new URL(value, pageUrl).href
    }
    rewriteChildren(child, pageUrl, chartFiles, figureChart ?? chartFile)
    out.push(child)
  }
  parent.children = out as typeof parent.children
}

/** A chart's SVG as an image linked to the standalone file. */
function chartImage(wrapper: Element, src: string): ElementContent {
  const label = String(wrapper.properties.ariaLabel ?? 'Chart').replace(/^Chart:\s*/, '')
  return {
    type: 'element',
    tagName: 'a',
    properties: { href: src },
    children: [{ type: 'element', tagName: 'img', properties: { src, alt: label }, children: [] }],
  }
}

function classList(node: Element): string[] {
  const value = node.properties.className
  return Array.isArray(value) ? value.map(String) : []
}
