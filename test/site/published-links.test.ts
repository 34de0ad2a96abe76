/**
 * The absolute URLs the site publishes — every `<loc>` of sitemap.xml, robots.txt's sitemap, and
 * the feed's links, entry ids, the links and images in its content, and each article's canonical
 * and social-image URLs — resolve when the built
 * site is served under a subpath: each URL under the configured site URL is mapped onto the
 * local server and must answer 200, so the feed and sitemap never point at a missing page.
 */
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { type BuiltSite, buildSite, type Served, serve } from '../browser/serve.ts'

const SITE_URL = 'https://example.github.io/economics-of-alignment/'

const unescapeXml = (text: string): string =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')

/** Every URL under the site URL in `text` (XML, or the HTML in the feed's content). */
function siteUrls(text: string): string[] {
  const html = unescapeXml(unescapeXml(text))
  return [
    ...html.matchAll(/https:\/\/example\.github\.io\/economics-of-alignment\/[^\s"'<>]*/g),
  ].map((m) => m[0])
}

describe('published URLs, served under a subpath', () => {
  let site: BuiltSite
  let served: Served
  let urls: string[]

  before(async () => {
    site = await buildSite()
    served = await serve(site.dir)
    const read = (name: string) => readFile(join(site.dir, name), 'utf8')
    urls = [
      ...new Set([
        ...siteUrls(await read('sitemap.xml')),
        ...siteUrls(await read('robots.txt')),
        ...siteUrls(await read('feed.xml')),
        // The canonical and social-image URLs of each article's head.
        ...siteUrls((await read('economics-of-alignment/index.html')).split('</head>')[0] ?? ''),
      ]),
    ].sort()
  })

  after(async () => {
    await served?.close()
    await site?.remove()
  })

  test('every URL of the sitemap, robots.txt and the feed answers 200', async () => {
    assert.ok(
      urls.some((u) => u.endsWith('/social.png') === false && u.endsWith('.svg')),
      'a chart',
    )
    assert.ok(urls.includes(`${SITE_URL}sitemap.xml`))
    assert.ok(urls.includes(`${SITE_URL}feed.xml`))
    assert.ok(urls.includes(`${SITE_URL}economics-of-alignment/social.png`))
    const broken: string[] = []
    for (const url of urls) {
      const local = new URL(url.slice(SITE_URL.length), served.url)
      const response = await fetch(local.href.replace(/#.*$/, ''))
      if (response.status !== 200) broken.push(`${url} (${response.status})`)
    }
    assert.deepEqual(broken, [])
    assert.ok(urls.length >= 10, `only ${urls.length} URLs checked`)
  })
})
