/**
 * String post-processing of Vega's SVG: per-chart id prefixes (several charts are inlined in one
 * page), the accessible name and description, responsive sizing, and the standalone-file variant.
 * Works on Vega's own serialiser output, whose attributes are always double-quoted and escaped.
 */
import { standaloneStyle } from './theme.ts'

/** What the root element needs besides Vega's output. */
export interface SvgDecoration {
  idPrefix: string
  title: string
  description: string
}

/** An SVG start tag, allowing `>` inside quoted attribute values. */
const TAG = /<[^>"]*(?:"[^"]*"[^>"]*)*>/g
const ATTRIBUTE = /([\w:.-]+)="([^"]*)"/g
/** Attributes that may hold `url(#id)` references (clip paths, gradients, masks, markers). */
const URL_ATTRIBUTES = new Set([
  'clip-path',
  'fill',
  'stroke',
  'mask',
  'filter',
  'marker-start',
  'marker-mid',
  'marker-end',
  'style',
])

/** Escapes text for XML content and double-quoted attributes. */
export function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;')
}

/**
 * Prefixes every `id`, `url(#…)` and `#…` href with `<prefix>-`, so two charts' `clip1` never
 * collide in one page. Only attributes inside tags are touched, never text content.
 */
export function prefixSvgIds(svg: string, prefix: string): string {
  return svg.replace(TAG, (tag) =>
    tag.replace(ATTRIBUTE, (whole, name: string, value: string) => {
      const renamed = prefixAttribute(name, value, prefix)
      return renamed === value ? whole : `${name}="${renamed}"`
    }),
  )
}

function prefixAttribute(name: string, value: string, prefix: string): string {
  if (name === 'id') return `${prefix}-${value}`
  if ((name === 'href' || name === 'xlink:href') && value.startsWith('#')) {
    return `#${prefix}-${value.slice(1)}`
  }
  if (URL_ATTRIBUTES.has(name)) {
    return value.replace(/url\((['"]|&quot;)?#/g, (_, quote = '') => `url(${quote}#${prefix}-`)
  }
  return value
}

/**
 * Makes the root accessible and responsive. `role="img"` with `aria-labelledby`/`aria-describedby`
 * pointing at a `<title>` and `<desc>` placed first is the pattern screen readers support best;
 * Vega's own per-mark ARIA is then presentational, and the data table under the chart carries the
 * numbers. The `width`/`height` attributes are kept: they give the chart its designed size (a
 * small chart is not blown up to the column width with huge text, and a standalone file opens at
 * that size) while `max-width:100%;height:auto` shrinks it on narrow screens, the `viewBox`
 * keeping the aspect ratio.
 */
export function decorateSvgRoot(svg: string, decoration: SvgDecoration): string {
  const start = /^<svg\b[^>"]*(?:"[^"]*"[^>"]*)*>/.exec(svg)
  if (start === null) throw new Error('Unexpected SVG from Vega: no root <svg> start tag')
  const titleId = `${decoration.idPrefix}-title`
  const descId = `${decoration.idPrefix}-desc`
  const kept = [...start[0].matchAll(ATTRIBUTE)]
    // Vega may put its own role/aria-label on the root; ours replace them.
    .filter(([, name]) => name !== 'role' && name !== 'style' && !name?.startsWith('aria-'))
    .map(([attribute]) => attribute)
  const attributes = [
    ...kept,
    'role="img"',
    `aria-labelledby="${titleId}"`,
    `aria-describedby="${descId}"`,
    'style="max-width:100%;height:auto"',
  ]
  const head =
    `<svg ${attributes.join(' ')}>` +
    `<title id="${titleId}">${escapeXml(decoration.title)}</title>` +
    `<desc id="${descId}">${escapeXml(decoration.description)}</desc>`
  // Vega leaves `role="graphics-symbol"` and roledescriptions on inner groups even with
  // `aria: false`; under a `role="img"` root they are noise that axe reports (svg-img-alt).
  const body = svg
    .slice(start[0].length)
    .replace(/\s(?:role|aria-roledescription|aria-label)="[^"]*"/g, '')
  return head + body
}

/**
 * The variant written as a standalone `.svg` file: drops the inline-only sizing style and adds a
 * `<style>` with explicit text and background colours (see `standaloneStyle` in theme.ts for why
 * this is not done inline).
 */
export function toStandaloneSvg(svg: string): string {
  const withoutStyle = svg.replace(/^(<svg\b[^>]*?) style="[^"]*"/, '$1')
  const descEnd = withoutStyle.indexOf('</desc>')
  const insertAt = descEnd === -1 ? withoutStyle.indexOf('>') + 1 : descEnd + '</desc>'.length
  return `${withoutStyle.slice(0, insertAt)}<style>${standaloneStyle}</style>${withoutStyle.slice(insertAt)}`
}

/** The drawing's own width and height, so the page reserves its space before it loads. */
export function svgSize(svg: string): { width?: string; height?: string } {
  const root = /^<svg\b[^>]*>/.exec(svg)?.[0] ?? ''
  const width = / width="([\d.]+)"/.exec(root)?.[1]
  const height = / height="([\d.]+)"/.exec(root)?.[1]
  return width && height ? { width, height } : {}
}

/** One drawing of a chart for a column of the page, and the spec that fits it to the column. */
export interface ChartDrawing {
  readonly spec: Record<string, unknown>
  /** The column's width in CSS pixels. */
  readonly column: number
  /** What is drawn instead when the drawing of `spec` is wider than the column. */
  readonly fitted: Record<string, unknown>
}

/** Whether `svg`, drawn from `drawing.spec`, is too wide for its column and must be refitted. */
export function tooWide(svg: string, drawing: ChartDrawing): boolean {
  return Number(svgSize(svg).width ?? 0) > drawing.column && typeof drawing.spec.width === 'number'
}
