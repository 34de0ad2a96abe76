/**
 * sitemap.xml (sitemaps.org protocol 0.9) and robots.txt naming it. Every URL is absolute under
 * the configured site URL; `lastmod` is a front-matter date, never the clock.
 */
import { absoluteUrl } from './site-url.ts'
import { escapeXml } from './xml-escape.ts'

/** One page of the sitemap: its path relative to the site root and its YYYY-MM-DD date. */
export interface SitemapPage {
  readonly path: string
  readonly lastmod: string
}

/** The sitemap of `pages`, in the order given. */
export function sitemapXml(siteUrl: string, pages: readonly SitemapPage[]): string {
  const urls = pages.map(
    (page) =>
      `  <url>\n    <loc>${escapeXml(absoluteUrl(siteUrl, page.path))}</loc>\n    <lastmod>${escapeXml(page.lastmod)}</lastmod>\n  </url>\n`,
  )
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('')}</urlset>\n`
}

/** robots.txt: everything may be crawled; the sitemap is named by its absolute URL. */
export function robotsTxt(siteUrl: string): string {
  return `User-agent: *\nAllow: /\n\nSitemap: ${absoluteUrl(siteUrl, 'sitemap.xml')}\n`
}
