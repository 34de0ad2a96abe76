/**
 * The head metadata of an article page: canonical URL, description, Open Graph and Twitter-card
 * tags, the social image and JSON-LD `BlogPosting`. Absolute URLs under the site URL; the
 * templates escape every field, and the JSON-LD is made safe to inline in a `<script>`.
 */
import type { PublishedArticle } from './published.ts'
import { socialImagePath } from './published.ts'
import { absoluteUrl } from './site-url.ts'
import { SOCIAL_CARD_HEIGHT, SOCIAL_CARD_WIDTH } from './social-card.ts'

/** What layout.njk and article.njk put in `<head>` for an article. */
export interface PageMeta {
  readonly canonical: string
  readonly description: string
  readonly siteName: string
  readonly title: string
  readonly image: string
  readonly imageAlt: string
  readonly imageWidth: number
  readonly imageHeight: number
  readonly published: string
  readonly modified: string
  /** JSON-LD text, already safe inside `<script type="application/ld+json">`. */
  readonly jsonLd: string
}

/** The metadata of `article` on a site published at `siteUrl`. */
export function pageMeta(siteUrl: string, siteName: string, article: PublishedArticle): PageMeta {
  const canonical = absoluteUrl(siteUrl, `${article.slug}/`)
  const image = absoluteUrl(siteUrl, socialImagePath(article.slug))
  const title = article.titleText.replace(/\s+/g, ' ').trim()
  const authors = article.authors.length > 0 ? article.authors : [siteName]
  const ld = {
    '@context': 'https://schema.org',
    '@type': 'BlogPosting',
    headline: title,
    description: article.summary,
    datePublished: article.date,
    dateModified: article.updated,
    author: authors.map((name) => ({ '@type': 'Person', name })),
    image,
    url: canonical,
    mainEntityOfPage: canonical,
  }
  return {
    canonical,
    description: article.summary,
    siteName,
    title,
    image,
    imageAlt: `Title card: ${title}`,
    imageWidth: SOCIAL_CARD_WIDTH,
    imageHeight: SOCIAL_CARD_HEIGHT,
    published: article.date,
    modified: article.updated,
    jsonLd: safeJsonForScript(ld),
  }
}

/** JSON with `<`, `>` and `&` escaped, so `</script>` in a title cannot end the script. */
export function safeJsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
}
