/**
 * Sample page contexts for the render tests: realistic content with hostile strings in every
 * field that must be escaped.
 */
import type { ArticlePageContext, IndexPageContext } from '../../src/render/page.ts'

/** Where the series lives; the only absolute URL a page may link to. */
export const seriesUrl = 'https://example.org/blog/'

/** An article page context; `overrides` replace top-level article fields. */
export function sampleArticle(
  overrides: Partial<ArticlePageContext['article']> = {},
): ArticlePageContext {
  return {
    site: { title: 'From Human Feedback to Synthetic Alignment', baseUrl: seriesUrl },
    root: '../',
    article: {
      slug: 'economics-of-alignment',
      titleHtml: 'The Economics of Alignment: Why <em>RLAIF</em> Delivers 11x Cost Reduction',
      titleText: 'The Economics of Alignment: Why RLAIF Delivers 11x Cost Reduction',
      summary: 'Human labels versus synthetic ones. <script>alert("summary")</script>',
      date: '2025-11-13',
      tags: ['RLHF', '<script>alert("tag")</script>', 'Cost & Analysis'],
      authors: ['Ada', 'Grace', 'Edsger'],
      scenario: { name: 'published', label: 'As published', isDefault: true },
      bodyHtml: [
        '<h2 id="costs">Costs<a class="anchor" href="#costs" aria-hidden="true" tabindex="-1">#</a></h2>',
        '<p>SFT costs <span class="figure" data-figure="sft.cost" title="SFT cost">$42.54</span>.</p>',
        '<h3 id="sft">SFT</h3>',
        '<div class="table-wrap" tabindex="0" role="region" aria-label="Table"><table><thead><tr><th>Method</th></tr></thead><tbody><tr><td>RLHF</td></tr></tbody></table></div>',
        '<h2 id="references">References</h2>',
        '<p><a href="https://doi.org/10.48550/arXiv.2401.10020">Yuan et al.</a></p>',
      ].join('\n'),
      toc: [
        { depth: 2, id: 'costs', text: 'Costs' },
        { depth: 3, id: 'sft', text: 'SFT <b>' },
        { depth: 2, id: 'references', text: 'References' },
      ],
      ...overrides,
    },
    build: {
      commit: '3f9c2a1b7d8e4f60a1b2c3d4e5f6a7b8c9d0e1f2',
      modelHash: '9a8b7c6d5e4f3a2b1c0d',
      figuresJson: 'figures.json',
      claimsReport: 'claims.html',
    },
  }
}

/** An index page context with one article. */
export function sampleIndex(): IndexPageContext {
  return {
    site: { title: 'From Human Feedback to Synthetic Alignment', baseUrl: seriesUrl },
    root: '',
    articles: [
      {
        slug: 'economics-of-alignment',
        titleHtml: 'The Economics of <em>Alignment</em>',
        titleText: 'The Economics of Alignment',
        summary: 'Costs compared. <script>alert("index")</script>',
        date: '2025-11-13',
        href: 'economics-of-alignment/index.html',
      },
    ],
    build: { commit: '3f9c2a1b7d8e4f60', modelHash: '9a8b7c6d5e4f' },
  }
}
