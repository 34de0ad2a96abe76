/**
 * The files that publish the site beyond its pages: the Atom feed, sitemap.xml, robots.txt, a
 * social preview PNG per article and the 404 page. build/article.ts writes each article's image
 * with its page; build.ts calls `publishedFiles` once, after the pages.
 */
import { atomFeed } from './feed.ts'
import type { PublishedArticle } from './published.ts'
import { robotsTxt, sitemapXml } from './sitemap.ts'
import { renderPng, socialCardSvg } from './social-card.ts'

/** The site settings publishing needs. */
export interface PublishSite {
  readonly title: string
  readonly description: string
  /** Absolute URL of the site root; without it the feed, sitemap and robots.txt are skipped. */
  readonly siteUrl?: string | undefined
}

/** An article's social preview image (a PNG), written with its page at socialImagePath. */
export function socialImage(
  site: PublishSite,
  article: Pick<PublishedArticle, 'titleText' | 'summary' | 'date'>,
  formatDate: (isoDate: string) => string,
): Promise<Uint8Array> {
  const svg = socialCardSvg({
    siteTitle: site.title,
    title: article.titleText,
    summary: article.summary,
    dateLabel: formatDate(article.date),
  })
  return renderPng(svg)
}

/**
 * Everything published beyond the pages and their social images: `articles` newest first;
 * `render404` renders templates/404.njk.
 */
export function publishedFiles(
  site: PublishSite,
  articles: readonly PublishedArticle[],
  render404: () => string,
): Map<string, string> {
  const files = new Map<string, string>()
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
