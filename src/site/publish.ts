/**
 * The files that publish the site beyond its pages: the Atom feed, sitemap.xml, robots.txt, a
 * social preview PNG per article and the 404 page. build.ts calls `publishedFiles` once, after
 * the pages, and adds the result to its output map.
 */
import { atomFeed } from './feed.ts'
import type { PublishedArticle } from './published.ts'
import { socialImagePath } from './published.ts'
import { robotsTxt, sitemapXml } from './sitemap.ts'
import { renderPng, socialCardSvg } from './social-card.ts'

/** The site settings publishing needs. */
export interface PublishSite {
  readonly title: string
  readonly description: string
  /** Absolute URL of the site root; without it the feed, sitemap and robots.txt are skipped. */
  readonly siteUrl?: string | undefined
}

/** Everything published: `articles` newest first; `render404` renders templates/404.njk. */
export async function publishedFiles(
  site: PublishSite,
  articles: readonly PublishedArticle[],
  render404: () => string,
  formatDate: (isoDate: string) => string,
): Promise<Map<string, string | Uint8Array>> {
  const files = new Map<string, string | Uint8Array>()
  for (const article of articles) {
    const svg = socialCardSvg({
      siteTitle: site.title,
      title: article.titleText,
      summary: article.summary,
      dateLabel: formatDate(article.date),
    })
    files.set(socialImagePath(article.slug), await renderPng(svg))
  }
  files.set('404.html', render404())
  if (site.siteUrl) {
    const feedSite = { title: site.title, description: site.description, siteUrl: site.siteUrl }
    files.set('feed.xml', atomFeed(feedSite, articles))
    const latest = articles
      .map((a) => a.updated)
      .sort()
      .at(-1)
    const pages = [
      ...(latest ? [{ path: '', lastmod: latest }] : []),
      ...articles.map((a) => ({ path: `${a.slug}/`, lastmod: a.updated })),
    ]
    files.set('sitemap.xml', sitemapXml(site.siteUrl, pages))
    files.set('robots.txt', robotsTxt(site.siteUrl))
  }
  return files
}
