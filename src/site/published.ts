/**
 * What the feed, sitemap, social cards and page metadata know about one built article: its
 * text, dates and the files written next to it. Collected in build.ts, used by site/publish.ts.
 */

/** One built article, as published. */
export interface PublishedArticle {
  readonly slug: string
  readonly titleText: string
  readonly summary: string
  /** YYYY-MM-DD, from front matter. */
  readonly date: string
  /** YYYY-MM-DD: front matter `updated`, else `date`. */
  readonly updated: string
  readonly authors: readonly string[]
  /** The body as the feed shows it (site/feed-content.ts); empty without a site URL. */
  readonly contentHtml: string
  /** Chart element ids and their SVG files relative to the article folder. */
  readonly charts: readonly { readonly id: string; readonly file: string }[]
}

/** Path of an article's social preview image, relative to the site root. */
export function socialImagePath(slug: string): string {
  return `${slug}/social.png`
}
