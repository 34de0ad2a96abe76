/**
 * The build, as a function: a cost model, content and templates in; output files out, to a sink
 * as each is finished (site/sink.ts) or collected in a map.
 * All reading goes through `BuildEffects` and all writing through the sink, so tests run it in
 * memory and the dev server calls it again and again. Each article is built by build/article.ts,
 * on every core for a large site (build/workers.ts); writing the site is site/write.ts's job.
 */
import {
  type BuiltArticle,
  buildArticle,
  type IndexCard,
  prepareArticles,
  renderTemplate,
} from './build/article.ts'
import type { BuildOptions } from './build/options.ts'
import { buildArticles } from './build/workers.ts'
import { drawChartsAhead, startChartWorkerEarly } from './charts/worker.ts'
import { BuildFailure, type Diagnostic } from './diagnostics/report.ts'
import type { CostModel } from './model/index.ts'
import type { Claim } from './pipeline/records.ts'
import { chartDrawings } from './pipeline/rehype-charts.ts'
import type { ModelSession } from './pipeline/session.ts'
import { renderIndexPage } from './render/page.ts'
import { listArticles } from './site/articles.ts'
import type { BuildEffects } from './site/effects.ts'
import { FEED_ENTRIES, feedOrder } from './site/feed.ts'
import { publishedFiles } from './site/publish.ts'
import type { PublishedArticle } from './site/published.ts'
import { type FileContent, memorySink, type SiteSink } from './site/sink.ts'
import { whatifAssets } from './whatif/files.ts'

export type { BuildOptions } from './build/options.ts'
export type { BuildEffects } from './site/effects.ts'

/**
 * A built site: output files by relative path (when no sink was given: a sink given to build()
 * received them instead, and these maps are empty), plus what the author should hear about.
 */
export interface BuildResult {
  readonly files: ReadonlyMap<string, string>
  /** Binary output files (the social images, site/publish.ts), written beside `files`. */
  readonly binaryFiles: ReadonlyMap<string, Uint8Array>
  /** How many files the build wrote, text and binary. */
  readonly written: number
  /** How many threads built articles (build/workers.ts). */
  readonly threads: number
  readonly warnings: readonly Diagnostic[]
  readonly claims: readonly (Claim & { readonly file: string })[]
  readonly pages: readonly string[]
  /** The session the pages were evaluated in (the snapshot reuses its evaluations). */
  readonly session: ModelSession
}

/**
 * Builds every article in content/ and the index, handing each file to `sink` as it is finished
 * (by default they are kept in the result). Throws BuildFailure on located user errors and
 * ModelError for a bad `scenario` or `settings` (the command line names the flag).
 */
export async function build(
  model: CostModel,
  options: BuildOptions,
  effects: BuildEffects,
  sink?: SiteSink,
): Promise<BuildResult> {
  // 1. Configuration, and the model under the requested scenario and settings.
  await startChartWorkerEarly(effects.chartStore)
  const context = await prepareArticles(model, options, effects)
  const { session, site, env, commit, modelHash } = context
  // Charts not cached yet are drawn on the other core while this one processes the pages.
  await drawChartsAhead(context.charts, chartDrawings, session, effects.chartStore)
  const memory = memorySink()
  const out = sink ?? memory
  let written = 0
  const emit = (path: string, content: FileContent) => {
    written++
    return out.write(path, content)
  }
  const published: PublishedArticle[] = [] // site/publish.ts: feed, sitemap
  // How many of them hold their feed content.
  let holding = 0
  const articles: IndexCard[] = []
  // What each article reports, by its place in content/, so messages keep their order.
  const reports: Pick<BuiltArticle, 'diagnostics' | 'claims'>[] = []
  let failed = false

  // 2–3. Each article and its files (build/article.ts), on every core for a large site.
  const names = await listArticles(effects)
  const threads = await buildArticles(
    names,
    options,
    // A page built here is written as soon as it is rendered (build/article.ts); one from a
    // worker comes with its files.
    (name) =>
      buildArticle(context, name, async (path, html) => {
        if (failed) return
        await emit(path, html)
        out.pageWritten?.(`content/${name}`)
      }),
    async (index, built, wrote) => {
      reports[index] = { diagnostics: built.diagnostics, claims: built.claims }
      failed ||= built.diagnostics.some((d) => d.severity === 'error')
      if (failed || !built.published || !built.card) return
      // All at once: each write waits mostly on the file system, not on this thread. `wrote`: the
      // files a worker wrote itself, straight into the sink's folder.
      await Promise.all(built.files.map(([path, content]) => emit(path, content)))
      written += wrote.length
      out.wrote?.(wrote)
      const paths = [...built.files.map(([path]) => path), ...wrote]
      if (paths.some((path) => path.endsWith('/index.html'))) out.pageWritten?.(built.path)
      published.push(built.published)
      if (built.published.contentHtml) holding++
      // Sorted only once twice the feed's entries hold content: sorting every article at each
      // one made a thousand-page build spend ~0.5 s of this thread comparing slugs.
      if (holding > 2 * FEED_ENTRIES) holding = keepFeedContent(published)
      articles.push(built.card)
    },
    out.folder,
    () => session.carry(),
  )
  const diagnostics = reports.flatMap((r) => r.diagnostics)
  const errors = diagnostics.filter((d) => d.severity === 'error')
  const warnings = diagnostics.filter((d) => d.severity !== 'error')
  const claims = reports.flatMap((r) => r.claims)
  if (errors.length > 0) throw new BuildFailure(errors)

  // 4. The index and the static assets.
  articles.sort(feedOrder)
  await emit(
    'index.html',
    renderTemplate(() =>
      renderIndexPage(env, {
        site: { title: site.title, baseUrl: site.seriesBaseUrl },
        root: '',
        articles,
        build: { commit, modelHash },
      }),
    ),
  )
  for (const asset of await effects.list('templates/assets')) {
    await emit(`assets/${asset}`, await effects.readText(`templates/assets/${asset}`))
  }
  for (const [name, text] of await whatifAssets(effects)) await emit(`assets/${name}`, text)
  // 5. Publishing: feed, sitemap, robots.txt and the 404 page (site/publish.ts).
  keepFeedContent(published)
  const render404 = () =>
    env.render('404.njk', {
      site: { title: site.title, baseUrl: site.seriesBaseUrl },
      // Pages serves 404.html for a missing path at any depth: its links start from the site's
      // own path (`/economics-of-alignment/`), which holds wherever the missing path was.
      root: site.siteUrl ? new URL(site.siteUrl).pathname : '',
    })
  for (const [path, content] of publishedFiles(site, published, () => renderTemplate(render404)))
    await emit(path, content)
  return {
    files: memory.files,
    binaryFiles: memory.binaryFiles,
    written,
    threads,
    warnings,
    claims,
    pages: articles.map((a) => a.href),
    session,
  }
}

/**
 * Sorts `published` newest first and drops the feed content of all but the FEED_ENTRIES newest:
 * the feed shows only those, and a thousand articles' content would not fit in memory. Returns
 * how many still hold content.
 */
function keepFeedContent(published: PublishedArticle[]): number {
  published.sort(feedOrder)
  for (let i = FEED_ENTRIES; i < published.length; i++) {
    const article = published[i] as PublishedArticle
    if (article.contentHtml) published[i] = { ...article, contentHtml: '' }
  }
  return published.slice(0, FEED_ENTRIES).filter((article) => article.contentHtml).length
}
