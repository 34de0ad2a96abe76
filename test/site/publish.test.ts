/**
 * Publishing on the real article, built in memory: the Atom feed has every element RFC 4287
 * requires and an entry per article, the sitemap lists every page with its front-matter date,
 * robots.txt names the sitemap, every article `<head>` has canonical, Open Graph, Twitter-card
 * and JSON-LD tags, the social image is a 1200×630 PNG, the 404 page links back, and a second
 * build writes the same bytes.
 */
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { before, describe, test } from 'node:test'
import { pathToFileURL } from 'node:url'
import { type BuildResult, build } from '../../src/build.ts'
import { memoryChartCacheStore } from '../../src/charts/cache.ts'
import { articleCostModel } from '../../src/model/index.ts'
import { fsEffects, memoryMemo } from '../../src/site/effects.ts'
import { atomFeed, FEED_ENTRIES, feedCandidates, feedOrder } from '../../src/site/feed.ts'
import type { PublishedArticle } from '../../src/site/published.ts'
import { drawPng, renderPng, socialCardSvg, wrapText } from '../../src/site/social-card.ts'
import { root } from '../helpers.ts'

const effects = () => ({
  ...fsEffects(root, memoryMemo()),
  chartStore: memoryChartCacheStore(),
  commit: async () => 'test',
})
const SITE_URL = 'https://example.github.io/economics-of-alignment/'

let result: BuildResult
let articles: string[]
before(async () => {
  result = await build(articleCostModel, { root }, effects())
  articles = result.pages.map((href) => href.replace(/\/$/, ''))
})

const text = (path: string): string => {
  const value = result.files.get(path)
  assert.ok(value !== undefined, `${path} was built`)
  return value
}

/** The text of every `<tag>…</tag>` directly in `xml` (no nesting of the same tag). */
const elements = (xml: string, tag: string): string[] =>
  [...xml.matchAll(new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>`, 'g'))].map(
    (m) => m[1] ?? '',
  )

describe('the Atom feed', () => {
  test('has the feed elements RFC 4287 requires and one entry per article', () => {
    const feed = text('feed.xml')
    assert.match(
      feed,
      /^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom">/,
    )
    const head = feed.slice(0, feed.indexOf('<entry>'))
    assert.equal(elements(head, 'id')[0], SITE_URL)
    assert.ok(elements(head, 'title')[0], 'feed title')
    assert.match(elements(head, 'updated')[0] ?? '', /^\d{4}-\d{2}-\d{2}T00:00:00Z$/)
    assert.match(
      head,
      /<link rel="self" type="application\/atom\+xml" href="https:\/\/example.github.io\/economics-of-alignment\/feed.xml"\/>/,
    )
    assert.ok(elements(head, 'author').length > 0, 'a feed author')
    const entries = elements(feed, 'entry')
    assert.equal(entries.length, articles.length)
    for (const [i, entry] of entries.entries()) {
      const url = `${SITE_URL}${articles[i]}/`
      assert.equal(elements(entry, 'id')[0], url)
      assert.ok(elements(entry, 'title')[0])
      assert.ok(entry.includes(`<link rel="alternate" type="text/html" href="${url}"/>`))
      assert.match(elements(entry, 'published')[0] ?? '', /^\d{4}-\d{2}-\d{2}T00:00:00Z$/)
      assert.match(elements(entry, 'updated')[0] ?? '', /^\d{4}-\d{2}-\d{2}T00:00:00Z$/)
      assert.ok(elements(entry, 'name').length > 0, 'an entry author')
      assert.ok(elements(entry, 'summary')[0])
      const content = elements(entry, 'content')[0] ?? ''
      assert.ok(content.length > 1000, 'full content')
      // Escaped HTML: no raw markup in the XML, numbers as text, no popovers, charts as images.
      assert.doesNotMatch(content, /[<>]/)
      assert.doesNotMatch(content, /&lt;button|popovertarget|provenance-store|&lt;svg/)
      assert.match(
        content,
        /&lt;img src=&quot;https:\/\/example\.github\.io\/economics-of-alignment\/[^&]+\/charts\/[^&]+\.svg&quot;/,
      )
      assert.match(content, /11\.7×/)
    }
  })

  test('is linked from every page head', () => {
    for (const page of ['index.html', '404.html', ...articles.map((a) => `${a}/index.html`)]) {
      assert.match(
        text(page),
        /<link rel="alternate" type="application\/atom\+xml" href="(\.\.\/|\/[\w-]+\/)?feed\.xml"/,
        page,
      )
    }
  })
})

describe('the sitemap and robots.txt', () => {
  test('list every page with its front-matter date, under the site URL', () => {
    const sitemap = text('sitemap.xml')
    assert.match(sitemap, /<urlset xmlns="http:\/\/www.sitemaps.org\/schemas\/sitemap\/0.9">/)
    const locs = elements(sitemap, 'loc')
    assert.deepEqual(locs, [SITE_URL, ...articles.map((a) => `${SITE_URL}${a}/`)])
    for (const lastmod of elements(sitemap, 'lastmod')) assert.match(lastmod, /^\d{4}-\d{2}-\d{2}$/)
    assert.equal(elements(sitemap, 'lastmod')[1], '2025-11-13')
  })

  test('robots.txt names the sitemap', () => {
    assert.match(
      text('robots.txt'),
      /^Sitemap: https:\/\/example\.github\.io\/economics-of-alignment\/sitemap\.xml$/m,
    )
  })
})

describe('article metadata', () => {
  test('every article head has canonical, description, Open Graph, Twitter and JSON-LD', () => {
    for (const slug of articles) {
      const html = text(`${slug}/index.html`)
      const head = html.slice(0, html.indexOf('</head>'))
      const url = `${SITE_URL}${slug}/`
      const image = `${url}social.png`
      assert.ok(head.includes(`<link rel="canonical" href="${url}">`))
      assert.match(head, /<meta name="description" content="[^"]{20,}">/)
      for (const property of ['og:title', 'og:description', 'og:type', 'og:site_name'])
        assert.match(head, new RegExp(`<meta property="${property}" content="[^"]+">`), property)
      assert.ok(head.includes(`<meta property="og:url" content="${url}">`))
      assert.ok(head.includes(`<meta property="og:image" content="${image}">`))
      assert.ok(head.includes('<meta property="og:image:width" content="1200">'))
      assert.ok(head.includes('<meta property="og:image:height" content="630">'))
      assert.ok(head.includes('<meta name="twitter:card" content="summary_large_image">'))
      assert.ok(head.includes(`<meta name="twitter:image" content="${image}">`))
      const ld = /<script type="application\/ld\+json">([^<]*)<\/script>/.exec(head)?.[1]
      assert.ok(ld, 'JSON-LD')
      const posting = JSON.parse(ld) as Record<string, unknown>
      assert.equal(posting['@type'], 'BlogPosting')
      assert.ok(posting.headline)
      assert.equal(posting.datePublished, '2025-11-13')
      assert.ok(posting.dateModified)
      assert.ok(Array.isArray(posting.author) && posting.author.length > 0)
      assert.equal(posting.image, image)
    }
  })

  test('the social image is a 1200×630 PNG', () => {
    for (const slug of articles) {
      const png = result.binaryFiles.get(`${slug}/social.png`)
      assert.ok(png, `${slug}/social.png`)
      const bytes = Buffer.from(png)
      assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
      assert.equal(bytes.readUInt32BE(16), 1200)
      assert.equal(bytes.readUInt32BE(20), 630)
    }
  })
})

describe('the 404 page', () => {
  test('is in the site layout and links back to the series from any depth', () => {
    const html = text('404.html')
    const root = new URL(SITE_URL).pathname
    assert.match(html, /<h1>Page not found<\/h1>/)
    // Served for /<repo>/a/b/c too: every link starts from the site's own path.
    assert.ok(html.includes(`href="${root}assets/style.css"`), 'stylesheet under the site path')
    assert.ok(
      html.includes(`<a href="${root}index.html">All articles`),
      'index under the site path',
    )
    for (const [, href] of html.matchAll(/(?:href|src)="([^"]+)"/g))
      assert.match(href ?? '', /^(?:https?:\/\/|\/|#)/, `${href} is relative to the missing path`)
    assert.match(html, /<a href="https:\/\/example\.org\/">The series<\/a>/)
  })
})

describe('determinism', () => {
  test('the social card renders to the same PNG bytes every time, without system fonts', async () => {
    const card = {
      siteTitle: 'Site',
      title: 'The Economics of Alignment: Why RLAIF Delivers 11× Cost Reduction',
      summary: 'A summary long enough to wrap onto a second line of the title card, and a third.',
      dateLabel: '13 November 2025',
    }
    // Drawn twice (drawPng: renderPng would hand back the first drawing).
    const first = await drawPng(socialCardSvg(card))
    const second = await drawPng(socialCardSvg(card))
    assert.ok(Buffer.from(first).equals(Buffer.from(second)))
    const built = result.binaryFiles.get(`${articles[0]}/social.png`)
    assert.ok(built && built.length > 10_000, 'the card has drawn text, not a blank page')
  })

  test('a card drawn lately is not drawn again; a few are kept, not every card', async () => {
    const svg = (title: string) =>
      socialCardSvg({ siteTitle: 'Site', title, summary: 'S', dateLabel: '1 May 2025' })
    const card = renderPng(svg('Kept'))
    assert.equal(renderPng(svg('Kept')), card)
    for (let i = 0; i < 16; i++) await renderPng(svg(`Other ${i}`))
    const again = renderPng(svg('Kept'))
    assert.notEqual(again, card, 'sixteen newer cards push it out')
    assert.ok(Buffer.from(await again).equals(Buffer.from(await card)))
  })

  test('wrapText keeps to its line budget and marks a cut with an ellipsis', () => {
    assert.deepEqual(wrapText('one two three four', 9, 2), ['one two', 'three…'])
    assert.deepEqual(wrapText('short', 30, 3), ['short'])
  })
})

describe('a long series', () => {
  test('the feed carries the newest FEED_ENTRIES articles, newest first, with their content', () => {
    const many: PublishedArticle[] = Array.from({ length: FEED_ENTRIES + 5 }, (_, i) => ({
      slug: `post-${String(i).padStart(2, '0')}`,
      titleText: `Post ${i}`,
      summary: `Summary ${i}`,
      date: `2025-01-${String(i + 1).padStart(2, '0')}`,
      updated: `2025-01-${String(i + 1).padStart(2, '0')}`,
      authors: [],
      contentHtml: `<p>Body ${i}</p>`,
      charts: [],
    })).reverse()
    const xml = atomFeed({ title: 'T', description: '', siteUrl: SITE_URL }, many)
    const ids = elements(xml, 'id').slice(1)
    assert.equal(ids.length, FEED_ENTRIES)
    assert.equal(ids[0], `${SITE_URL}post-${FEED_ENTRIES + 4}/`)
    assert.equal(ids.at(-1), `${SITE_URL}post-05/`)
    assert.match(xml, /Body 24/)
    assert.doesNotMatch(xml, /Body 4\b/)
  })

  test('feedCandidates says yes to every article the feed keeps, in any order asked', () => {
    // Sixty articles over ten dates (ties broken by slug), asked about in a scrambled order.
    const all = Array.from({ length: 60 }, (_, i) => ({
      slug: `post-${String((i * 37) % 60).padStart(2, '0')}`,
      date: `2025-02-${String((i % 10) + 1).padStart(2, '0')}`,
    }))
    const inFeed = feedCandidates()
    const told = all.filter((article) => inFeed(article))
    const kept = [...all].sort(feedOrder).slice(0, FEED_ENTRIES)
    for (const article of kept) assert.ok(told.includes(article), article.slug)
    assert.ok(told.length < all.length, 'some are spared')
    // Asked newest first, it says yes to the feed's articles alone.
    const newestFirst = feedCandidates()
    assert.equal(
      [...all].sort(feedOrder).filter((article) => newestFirst(article)).length,
      FEED_ENTRIES,
    )
  })

  test('articles of one date are in the same order whatever the machine’s locale', () => {
    const feed = pathToFileURL(join(root, 'src', 'site', 'feed.ts')).href
    const order = (lang: string) => {
      const script = `import { feedOrder } from ${JSON.stringify(feed)}
const day = '2025-11-13'
const slugs = ['zebra', 'aaron', 'Beta', 'alpha-2', 'alpha-10', 'æble']
console.log(JSON.stringify(slugs.map((slug) => ({ date: day, slug })).sort(feedOrder).map((a) => a.slug)))`
      const run = spawnSync(
        process.execPath,
        ['--import', 'tsx', '--input-type=module', '-e', script],
        {
          cwd: root,
          encoding: 'utf8',
          env: { ...process.env, LANG: lang, LC_ALL: lang },
        },
      )
      assert.equal(run.status, 0, run.stderr)
      return JSON.parse(run.stdout) as string[]
    }
    const english = order('en_US.UTF-8')
    assert.deepEqual(english.slice(0, 2), ['aaron', 'æble'])
    // Danish sorts "aa" as "å", after "z", and "æ" after "z" too.
    for (const lang of ['da_DK.UTF-8', 'sv_SE.UTF-8', 'C'])
      assert.deepEqual(order(lang), english, lang)
  })
})
