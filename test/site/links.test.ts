/**
 * The built site, served under a subpath on localhost as GitHub Pages serves a project site, is
 * crawled from its index: every href and src of every page resolves, and so does every #fragment
 * (linkinator checks those of `<a href>`; our own pass also checks same-page and cross-page
 * fragments and every id reference: popovertarget, aria-*, `for`, SVG `url(#…)`).
 */
import assert from 'node:assert/strict'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { LinkChecker, LinkState } from 'linkinator'
import { type BuiltSite, buildSite, type Served, serve } from '../browser/serve.ts'

interface Crawl {
  /** Links checked on the local site (OK or broken). */
  checked: { url: string; parent: string; ok: boolean; status: number | undefined }[]
  /** Links skipped because they leave the local server. */
  skipped: string[]
  /** `url (status) on parent: details` for every broken link. */
  broken: string[]
}

/** Crawls `served.url` recursively with linkinator, fragments included; external links skipped. */
async function crawl(served: Served): Promise<Crawl> {
  const checker = new LinkChecker()
  const result = await checker.check({
    path: served.url,
    recurse: true,
    checkFragments: true,
    concurrency: 8,
    timeout: 10_000,
    // Only what the local server serves is checked. (A regexp like `^https?://` would skip
    // everything, the local site included: its URLs are http too.)
    linksToSkip: async (link) => !link.startsWith(`${served.origin}/`),
  })
  const checked: Crawl['checked'] = []
  const skipped: string[] = []
  const broken: string[] = []
  for (const link of result.links) {
    if (link.state === LinkState.SKIPPED) {
      skipped.push(link.url)
      continue
    }
    const ok = link.state === LinkState.OK
    checked.push({ url: link.url, parent: link.parent ?? '', ok, status: link.status })
    if (!ok) {
      const details = (link.failureDetails ?? [])
        .map((d) => (d instanceof Error ? d.message : `HTTP ${d.status}`))
        .join('; ')
      broken.push(
        `${link.url} (${link.status ?? 'no status'}) on ${link.parent ?? '?'}: ${details}`,
      )
    }
  }
  return { checked, skipped, broken }
}

const decode = (value: string): string =>
  value
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) =>
      String.fromCodePoint(Number.parseInt(hex, 16)),
    )
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')

/** Every `name="value"` attribute of every start tag (our HTML always quotes with `"`). */
function attributes(html: string): { tag: string; name: string; value: string }[] {
  const out: { tag: string; name: string; value: string }[] = []
  for (const tag of html.matchAll(/<([a-zA-Z][\w:-]*)((?:\s+[^\s"'>/=]+(?:="[^"]*")?)*)\s*\/?>/g)) {
    for (const attribute of (tag[2] ?? '').matchAll(/([^\s"'>/=]+)="([^"]*)"/g))
      out.push({
        tag: (tag[1] ?? '').toLowerCase(),
        name: (attribute[1] ?? '').toLowerCase(),
        value: decode(attribute[2] ?? ''),
      })
  }
  return out
}

const idsOf = (html: string): Set<string> =>
  new Set(attributes(html).flatMap((a) => (a.name === 'id' ? [a.value] : [])))

/**
 * Our own fragment and id-reference check over the HTML the server returns: every `#x` in an
 * href (same page or another page of the site) names an element id of its target page, and every
 * id reference names an element of the same page. Returns the problems and how many it checked.
 */
async function checkFragments(
  served: Served,
  pages: readonly string[],
): Promise<{ problems: string[]; count: number }> {
  const cache = new Map<string, Promise<Set<string> | undefined>>()
  const ids = (url: string) => {
    let entry = cache.get(url)
    if (!entry) {
      entry = fetch(url).then(async (r) =>
        r.ok && (r.headers.get('content-type') ?? '').startsWith('text/html')
          ? idsOf(await r.text())
          : undefined,
      )
      cache.set(url, entry)
    }
    return entry
  }
  const problems: string[] = []
  let count = 0
  for (const page of pages) {
    const response = await fetch(page)
    assert.equal(response.status, 200, page)
    const html = await response.text()
    const own = idsOf(html)
    cache.set(page, Promise.resolve(own))
    for (const { tag, name, value } of attributes(html)) {
      const where = `${page.slice(served.url.length) || '(index)'} <${tag} ${name}="${value}">`
      if ((name === 'href' || name === 'xlink:href') && value.includes('#')) {
        const target = new URL(value, page)
        if (!target.href.startsWith(served.url)) continue
        const fragment = decodeURIComponent(target.hash.slice(1))
        const targetIds = await ids(target.href.slice(0, -target.hash.length || undefined))
        count++
        if (fragment === '') problems.push(`${where}: empty fragment`)
        else if (!targetIds) problems.push(`${where}: the target page is not an HTML page`)
        else if (!targetIds.has(fragment))
          problems.push(`${where}: no element has id "${fragment}"`)
        continue
      }
      const refs =
        name === 'popovertarget' ||
        name === 'for' ||
        name === 'aria-describedby' ||
        name === 'aria-labelledby' ||
        name === 'aria-controls' ||
        name === 'aria-owns' ||
        name === 'aria-details' ||
        name === 'aria-activedescendant'
          ? value.split(/\s+/).filter(Boolean)
          : [...value.matchAll(/url\(\s*['"]?#([^'")\s]+)/g)].map((m) => m[1] ?? '')
      for (const ref of refs) {
        count++
        if (!own.has(ref)) problems.push(`${where}: no element has id "${ref}"`)
      }
    }
  }
  return { problems, count }
}

describe('links of the built site, served under a subpath', () => {
  let site: BuiltSite
  let served: Served
  let result: Crawl

  before(async () => {
    site = await buildSite()
    served = await serve(site.dir)
    result = await crawl(served)
  })

  after(async () => {
    await served?.close()
    await site?.remove()
  })

  test('the crawl reaches every page and zero links are broken', () => {
    assert.deepEqual(result.broken, [], `broken links:\n${result.broken.join('\n')}`)
    const pages = new Set(result.checked.map((l) => l.url))
    assert.ok(pages.has(served.url), 'the index was checked')
    const articles = [...pages].filter((u) =>
      /^[^/]+\/(index\.html)?$/.test(u.slice(served.url.length)),
    )
    assert.ok(articles.length >= 1, `no article page was reached: ${[...pages].join(', ')}`)
    for (const asset of ['assets/style.css', 'assets/provenance.js'])
      assert.ok(pages.has(served.url + asset), `${asset} was checked`)
    assert.ok(
      [...pages].some((u) => u.endsWith('/figures.json')),
      'the figures file was checked',
    )
    assert.ok(
      [...pages].some((u) => /\/charts\/[^/]+\.svg$/.test(u)),
      'a standalone chart SVG was checked',
    )
    // linkinator reports each URL once (fragments are checked, but only failures are listed).
    assert.ok(result.checked.length >= 12, `only ${result.checked.length} URLs were checked`)
  })

  test('only links that leave the site are skipped, and they are http(s)', () => {
    for (const url of result.skipped) {
      assert.ok(!url.startsWith(served.origin), `a local link was skipped: ${url}`)
      assert.match(url, /^https?:\/\//, `a skipped link is neither local nor http(s): ${url}`)
    }
  })

  test('no page asked the server for anything outside the subpath', () => {
    const outside = served.log.filter(
      (r) => !r.path.startsWith(served.url.slice(served.origin.length)),
    )
    assert.deepEqual(outside, [])
  })

  test('every #fragment and id reference of every page names an element', async () => {
    const pages = [
      ...new Set(
        result.checked
          .filter((l) => l.ok)
          .map((l) => l.url.replace(/#.*$/, ''))
          .filter((u) => u.endsWith('/') || u.endsWith('.html')),
      ),
    ].sort()
    assert.ok(pages.length >= 2, pages.join(', '))
    const { problems, count } = await checkFragments(served, pages)
    assert.deepEqual(problems, [], problems.join('\n'))
    assert.ok(count >= 100, `only ${count} fragments and id references were checked`)
  })
})

describe('the link checks can fail', () => {
  let dir: string
  let served: Served

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'broken-site-'))
    await mkdir(join(dir, 'a'))
    await writeFile(
      join(dir, 'index.html'),
      '<!doctype html><title>x</title><a href="a/">a</a> <a href="missing.html">m</a> <a href="#nowhere">n</a> <a href="/root-relative.css">r</a> <button popovertarget="gone">b</button>',
    )
    await writeFile(
      join(dir, 'a', 'index.html'),
      '<!doctype html><title>a</title><p id="here">h</p><a href="../index.html#here">wrong page</a> <a href="#here">ok</a>',
    )
    served = await serve(dir)
  })

  after(async () => {
    await served?.close()
    await rm(dir, { recursive: true, force: true })
  })

  test('a missing file, a root-relative URL and a missing fragment are reported', async () => {
    const { broken } = await crawl(served)
    const text = broken.join('\n')
    assert.match(text, /missing\.html \(404\)/)
    assert.match(text, /\/root-relative\.css \(404\)/)
    assert.match(text, /#nowhere/)
  })

  test('our own pass reports missing fragments and dangling id references', async () => {
    const { problems } = await checkFragments(served, [served.url, `${served.url}a/`])
    const text = problems.join('\n')
    assert.match(text, /#nowhere|"nowhere"/)
    assert.match(text, /popovertarget="gone"/)
    assert.match(text, /index\.html#here/)
    assert.doesNotMatch(text, /href="#here"/)
  })
})
