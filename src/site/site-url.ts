/**
 * Absolute URLs under the configured site URL (`siteUrl` in content/site.yaml), for the few
 * places that must not be relative: canonical links, the feed, the sitemap and social metadata.
 * Works under a project subpath (`https://owner.github.io/repo/`).
 */

/** The site URL with exactly one trailing slash, so relative paths resolve beneath it. */
export function normalizeSiteUrl(siteUrl: string): string {
  return siteUrl.endsWith('/') ? siteUrl : `${siteUrl}/`
}

/** `path` (relative to the site root, no leading slash) as an absolute URL under `siteUrl`. */
export function absoluteUrl(siteUrl: string, path: string): string {
  return new URL(path.replace(/^\/+/, ''), normalizeSiteUrl(siteUrl)).href
}
