import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { createEnvironment } from '../../src/render/environment.ts'
import { nestToc, renderArticlePage, renderIndexPage } from '../../src/render/page.ts'
import { sampleArticle, sampleIndex, seriesUrl } from './sample.ts'

const templatesDir = fileURLToPath(new URL('../../templates/', import.meta.url))

/** Every href and src value in `html`. */
function urls(html: string): string[] {
  return [...html.matchAll(/\s(?:href|src)="([^"]*)"/g)].map((m) => m[1] ?? '')
}

describe('renderArticlePage', () => {
  const html = renderArticlePage(createEnvironment(templatesDir), sampleArticle())

  it('renders a complete page around the trusted body', () => {
    assert.match(html, /^<!doctype html>\n<html lang="en">/)
    assert.match(html, /<meta name="viewport" content="width=device-width, initial-scale=1">/)
    assert.match(html, /<link rel="stylesheet" href="\.\.\/assets\/style\.css">/)
    assert.match(html, /<a class="skip-link" href="#main">/)
    assert.match(html, /<h1>The Economics of Alignment: Why <em>RLAIF<\/em> Delivers/)
    assert.ok(
      html.includes(sampleArticle().article.bodyHtml),
      'bodyHtml is passed through unchanged',
    )
    assert.match(html, /<time datetime="2025-11-13">13 November 2025<\/time>/)
    assert.match(html, /By Ada, Grace and Edsger/)
    assert.match(html, /<code title="3f9c2a1b7d8e4f60a1b2c3d4e5f6a7b8c9d0e1f2">3f9c2a1<\/code>/)
    assert.match(html, /href="figures\.json"/)
    assert.match(html, /href="claims\.html"/)
  })

  it('nests level-3 headings in the table of contents', () => {
    const nav = /<nav class="toc" aria-label="Contents">([\s\S]*?)<\/nav>/.exec(html)?.[1] ?? ''
    assert.match(
      nav,
      /<a href="#costs">Costs<\/a>\s*<ol>\s*<li><a href="#sft">SFT &lt;b&gt;<\/a><\/li>/,
    )
    assert.match(nav, /<a href="#references">References<\/a>/)
  })

  it('escapes every untrusted string', () => {
    assert.deepEqual(
      html.match(/<script[^>]*>/g),
      [
        '<script type="module" src="../assets/whatif-loader.js">',
        '<script src="../assets/provenance.js" defer>',
      ],
      'only our own scripts',
    )
    assert.ok(html.includes('&lt;script&gt;alert(&quot;summary&quot;)&lt;/script&gt;'))
    assert.ok(html.includes('<li>&lt;script&gt;alert(&quot;tag&quot;)&lt;/script&gt;</li>'))
    assert.ok(html.includes('<li>Cost &amp; Analysis</li>'))
  })

  it('links only to relative URLs and the series', () => {
    for (const url of urls(html)) {
      const external = url.startsWith(seriesUrl) || url.startsWith('https://doi.org/')
      assert.ok(external || !/^(?:[a-z][a-z\d+.-]*:|\/)/i.test(url), `absolute URL ${url}`)
    }
  })

  it('shows the scenario banner only for a non-default scenario', () => {
    assert.ok(!html.includes('scenario-banner'))
    const spot = renderArticlePage(
      createEnvironment(templatesDir),
      sampleArticle({ scenario: { name: 'spot', label: 'Spot <GPU> pricing', isDefault: false } }),
    )
    assert.match(spot, /<div class="scenario-banner" role="note">/)
    assert.match(spot, /Computed under scenario: Spot &lt;GPU&gt; pricing/)
  })

  it('is deterministic across environments and repeated renders', () => {
    const env = createEnvironment(templatesDir)
    const first = renderArticlePage(env, sampleArticle())
    assert.equal(renderArticlePage(env, sampleArticle()), first)
    assert.equal(first, html)
  })

  it('rejects absolute links in the context', () => {
    const context = sampleArticle()
    context.build.figuresJson = '/economics-of-alignment/figures.json'
    assert.throws(
      () => renderArticlePage(createEnvironment(templatesDir), context),
      /build\.figuresJson/,
    )
  })
})

describe('renderIndexPage', () => {
  const html = renderIndexPage(createEnvironment(templatesDir), sampleIndex())

  it('lists the articles with relative links', () => {
    assert.match(html, /<link rel="stylesheet" href="assets\/style\.css">/)
    assert.match(
      html,
      /<h2><a href="economics-of-alignment\/index\.html">The Economics of <em>Alignment<\/em><\/a><\/h2>/,
    )
    assert.deepEqual(
      html.match(/<script[^>]*>/g),
      ['<script src="assets/provenance.js" defer>'],
      'only our own script',
    )
    for (const url of urls(html)) {
      assert.ok(url.startsWith(seriesUrl) || !/^(?:[a-z][a-z\d+.-]*:|\/)/i.test(url), url)
    }
  })

  it('is deterministic', () => {
    assert.equal(renderIndexPage(createEnvironment(templatesDir), sampleIndex()), html)
  })
})

describe('nestToc', () => {
  it('keeps a leading level-3 heading at the top level', () => {
    assert.deepEqual(
      nestToc([
        { depth: 3, id: 'a', text: 'A' },
        { depth: 2, id: 'b', text: 'B' },
        { depth: 3, id: 'c', text: 'C' },
      ]),
      [
        { id: 'a', text: 'A', children: [] },
        { id: 'b', text: 'B', children: [{ id: 'c', text: 'C' }] },
      ],
    )
  })
})
