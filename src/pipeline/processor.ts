/**
 * The one place that fixes the order of the pipeline:
 * parse → front matter → title → directives (and generated tables) → citations → HTML → links,
 * claim notes, charts (started), heading ids, anchors and contents, highlighting → title out →
 * provenance → charts (drawn) → text.
 */
import remarkDirective from 'remark-directive'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import { unified } from 'unified'
import type { ChartCacheStore } from '../charts/cache.ts'
import { incrementalParser } from './incremental-parse.ts'
import { loweredHandlers } from './mdast-to-hast.ts'
import rehypeChartSizes from './rehype-chart-sizes.ts'
import rehypeCharts from './rehype-charts.ts'
import rehypeClaimNotes from './rehype-claim-notes.ts'
import rehypeHighlight, { type TextMemo } from './rehype-highlight.ts'
import rehypeProvenance from './rehype-provenance.ts'
import rehypeSafeLinks from './rehype-safe-links.ts'
import rehypeSeriesLinks from './rehype-series-links.ts'
import rehypeTitle from './rehype-title.ts'
import rehypeToc from './rehype-toc.ts'
import rehypeWriteHtml from './rehype-write-html.ts'
import remarkCitations from './remark-citations.ts'
import remarkDirectives, { type RemarkDirectivesOptions } from './remark-directives.ts'
import remarkFigureRange from './remark-figure-range.ts'
import remarkFrontmatterValidate from './remark-frontmatter-validate.ts'
import remarkTitle from './remark-title.ts'
import remarkTypedNumbers from './remark-typed-numbers.ts'

/** Everything the stages need from the build. */
export interface ProcessorOptions extends RemarkDirectivesOptions {
  readonly seriesBaseUrl: string
  readonly memo: TextMemo
  readonly chartStore: ChartCacheStore
}

/** The markdown syntax articles are written in: CommonMark, front matter, GFM, directives. */
export function createParser() {
  return unified()
    .use(remarkParse)
    .use(remarkFrontmatter, ['yaml'])
    .use(remarkGfm)
    .use(remarkDirective)
}

/**
 * Parses an article with createParser's syntax, again only where the text changed since the
 * article parsed before it (incremental-parse.ts): the writing loop's edits, and a series whose
 * articles share text. Kept for the process, like any parser.
 */
let parser: ReturnType<typeof createParser> | undefined
export const parseArticle = incrementalParser((file) => {
  parser ??= createParser()
  return parser.parse(file)
})

/** A processor for one build; reusable across pages and rebuilds. Parse with parseArticle. */
export function createProcessor(options: ProcessorOptions) {
  return (
    createParser()
      .use(remarkFrontmatterValidate)
      // The lint reads the front matter's title itself, before the title joins the tree.
      .use(remarkTypedNumbers, options)
      .use(remarkTitle)
      .use(remarkDirectives, options)
      .use(remarkFigureRange)
      .use(remarkCitations, { bibliography: options.sources.bibliography })
      .use(remarkRehype, { handlers: loweredHandlers })
      .use(rehypeSafeLinks)
      .use(rehypeClaimNotes)
      .use(rehypeSeriesLinks, { seriesBaseUrl: options.seriesBaseUrl })
      .use(rehypeCharts, { session: options.session, store: options.chartStore })
      .use(rehypeToc)
      .use(rehypeHighlight, { memo: options.memo })
      .use(rehypeTitle)
      // Last before stringifying: its popovers double the tree, and no later stage needs them.
      .use(rehypeProvenance, {
        session: options.session,
        bibliography: options.sources.bibliography,
      })
      .use(rehypeChartSizes)
      // The popovers are written by the same writer (html-writer.ts), so both write the same bytes.
      .use(rehypeWriteHtml)
  )
}
