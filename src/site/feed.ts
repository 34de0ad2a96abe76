/**
 * The series' Atom feed (RFC 4287), written as feed.xml: one entry for each of the newest
 * articles (FEED_ENTRIES) with its title, summary, dates, authors, canonical link and full
 * content. Dates come from front matter, so two builds write the same bytes.
 */
import type { PublishedArticle } from './published.ts'
import { absoluteUrl } from './site-url.ts'
import { escapeXml } from './xml-escape.ts'

/** How many of the newest articles the feed carries, as feed generators commonly limit it. */
export const FEED_ENTRIES = 20

/**
 * Slugs in English order, whatever the machine's: `localeCompare` without a locale follows
 * `LANG`, and a Danish one put `zebra` before `aaron` (its "aa" is "å"), so the index and the
 * feed of the same articles came out in another order.
 */
const bySlug = new Intl.Collator('en').compare

/** The feed's order, newest first: by date (ISO, so compared as text), then by slug. */
export function feedOrder(
  a: { readonly date: string; readonly slug: string },
  b: { readonly date: string; readonly slug: string },
): number {
  if (a.date !== b.date) return a.date < b.date ? 1 : -1
  return bySlug(a.slug, b.slug)
}

/**
 * Tells, article by article, whether each is among the FEED_ENTRIES newest of those it was
 * asked about: one that is not can never be in the feed, so its feed content (a second pass
 * over its page, ~5 ms) need not be made. Every article the feed shows is told yes.
 */
export function feedCandidates(): (article: { date: string; slug: string }) => boolean {
  const newest: { date: string; slug: string }[] = []
  return (article) => {
    const last = newest.at(-1)
    if (newest.length >= FEED_ENTRIES && last && feedOrder(article, last) > 0) return false
    const at = newest.findIndex((other) => feedOrder(article, other) < 0)
    newest.splice(at < 0 ? newest.length : at, 0, article)
    if (newest.length > FEED_ENTRIES) newest.pop()
    return true
  }
}

/** The feed's own settings: the site's title, description and absolute URL. */
export interface FeedSite {
  readonly title: string
  readonly description: string
  readonly siteUrl: string
}

/** The Atom feed of the FEED_ENTRIES newest of `articles` (newest first, as given). */
export function atomFeed(site: FeedSite, articles: readonly PublishedArticle[]): string {
  const home = absoluteUrl(site.siteUrl, '')
  const updated =
    articles
      .map((a) => a.updated)
      .sort()
      .at(-1) ?? '1970-01-01'
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${escapeXml(home)}</id>`,
    `  <title type="text">${escapeXml(site.title)}</title>`,
    ...(site.description
      ? [`  <subtitle type="text">${escapeXml(site.description)}</subtitle>`]
      : []),
    `  <updated>${atomDate(updated)}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(absoluteUrl(site.siteUrl, 'feed.xml'))}"/>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(home)}"/>`,
    `  <author><name>${escapeXml(site.title)}</name></author>`,
    ...articles.slice(0, FEED_ENTRIES).map((article) => entry(site, article)),
    '</feed>',
    '',
  ]
  return lines.join('\n')
}

/** A front-matter date as an RFC 3339 timestamp at midnight UTC. */
export function atomDate(date: string): string {
  return `${date}T00:00:00Z`
}

function entry(site: FeedSite, article: PublishedArticle): string {
  const url = absoluteUrl(site.siteUrl, `${article.slug}/`)
  const authors = article.authors.length > 0 ? article.authors : [site.title]
  return [
    '  <entry>',
    `    <id>${escapeXml(url)}</id>`,
    `    <title type="text">${escapeXml(article.titleText.replace(/\s+/g, ' ').trim())}</title>`,
    `    <link rel="alternate" type="text/html" href="${escapeXml(url)}"/>`,
    `    <published>${atomDate(article.date)}</published>`,
    `    <updated>${atomDate(article.updated)}</updated>`,
    ...authors.map((name) => `    <author><name>${escapeXml(name)}</name></author>`),
    `    <summary type="text">${escapeXml(article.summary)}</summary>`,
    `    <content type="html">${escapeXml(article.contentHtml)}</content>`,
    '  </entry>',
  ].join('\n')
}
