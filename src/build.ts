/**
 * The build, as a function: a cost model, content and templates in; output files out, to a sink
 * as each is finished (site/sink.ts) or collected in a map.
 * All reading goes through `BuildEffects` and nothing is written here, so tests run it in memory
 * and the dev server calls it again and again. Writing the site is site/write.ts's job.
 */
import { createHash } from 'node:crypto'
import { posix } from 'node:path'
import { VFile } from 'vfile'
import type { VFileMessage } from 'vfile-message'
import { drawChartsAhead } from './charts/worker.ts'
import { loadBibliography } from './citations/load.ts'
import { BuildFailure, type Diagnostic, diagnosticOf } from './diagnostics/report.ts'
import type { CostModel } from './model/index.ts'
import { directiveRegistry } from './pipeline/directives/registry.ts'
import { createProcessor } from './pipeline/processor.ts'
import type { Claim } from './pipeline/records.ts'
import { chartDrawings } from './pipeline/rehype-charts.ts'
import { createModelSession, type ModelSession } from './pipeline/session.ts'
import { createEnvironment } from './render/environment.ts'
import {
  type IndexPageContext,
  renderArticlePage,
  renderIndexPage,
  TemplateError,
} from './render/page.ts'
import { listArticles, withinBudget } from './site/articles.ts'
import { loadSite } from './site/config.ts'
import type { BuildEffects } from './site/effects.ts'
import { FEED_ENTRIES } from './site/feed.ts'
import { feedContentHtml } from './site/feed-content.ts'
import { figuresJson } from './site/figures-json.ts'
import { pageMeta } from './site/page-meta.ts'
import { publishedFiles } from './site/publish.ts'
import type { PublishedArticle } from './site/published.ts'
import { memorySink, type SiteSink } from './site/sink.ts'
import { absoluteUrl } from './site/site-url.ts'
import { whatifChartsJson } from './whatif/charts.ts'
import { whatifAssets, whatifJson } from './whatif/files.ts'

export type { BuildEffects } from './site/effects.ts'

/** What to build. Paths are relative to `root` unless absolute. */
export interface BuildOptions {
  readonly root: string
  /** The scenario pages are built under (default: the model's own). */
  readonly scenario?: string | undefined
  /** `ID=VALUE` input settings applied on top of every scenario. */
  readonly settings?: readonly string[] | undefined
  /** Monte Carlo draws over the input ranges (default 10,000) and their seed. */
  readonly samples?: number | undefined
  readonly seed?: number | undefined
}

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
  const session = sessionFor(model, options)
  const site = await loadSite(effects)
  const modelHash = await hashModel(model, effects)
  const commit = await effects.commit()
  const sources = {
    listingSource: model.listings ? await effects.readText(model.listings.source) : '',
    charts: await loadCharts(effects),
    bibliography: await loadBibliography((path) => effects.readText(path)),
  }
  // Charts not cached yet are drawn on the other core while this one processes the pages.
  await drawChartsAhead(
    sources.charts,
    chartDrawings,
    (name) => session.dataset(name)?.rows,
    effects.chartStore,
  )
  const processor = createProcessor({
    session,
    registry: directiveRegistry,
    sources,
    seriesBaseUrl: site.seriesBaseUrl,
    memo: effects.memo,
    chartStore: effects.chartStore,
  })
  const env = createEnvironment(posix.join(options.root, 'templates'))
  const memory = memorySink()
  const out = sink ?? memory
  let written = 0
  const emit = (path: string, content: string | Uint8Array) => {
    written++
    return out.write(path, content)
  }
  const published: PublishedArticle[] = [] // site/publish.ts: feed, sitemap, social images
  const warnings: Diagnostic[] = []
  const errors: Diagnostic[] = []
  const claims: Array<Claim & { file: string }> = []
  const articles: IndexPageContext['articles'] = []
  const isDefault =
    session.defaultScenario === model.defaultScenario && session.settings.length === 0

  // 2. Each article: parse, resolve directives against the model, render HTML.
  for (const name of await listArticles(effects)) {
    const path = `content/${name}`
    const file = new VFile({ path, value: await effects.readText(path) })
    // Parsed, run and stringified as three steps (processor.process does the same) so the final
    // tree stays at hand for the feed entry below.
    const tree = await withinBudget(path, processor.run(processor.parse(file), file))
    if (!file.messages.some((m) => m.fatal)) file.value = processor.stringify(tree, file)
    for (const message of file.messages) {
      const d = toDiagnostic(path, message)
      ;(d.severity === 'error' ? errors : warnings).push(d)
    }
    if (errors.length > 0 || !file.data.frontmatter) continue
    const frontmatter = file.data.frontmatter
    const slug = frontmatter.slug ?? name.replace(/\.md$/, '')
    for (const claim of file.data.claims ?? []) claims.push({ ...claim, file: path })
    // 3. The page from its template, its figures.json, charts and claims report.
    const article = {
      slug,
      titleHtml: file.data.titleArticleHtml ?? file.data.titleHtml ?? '',
      titleText: file.data.titleText ?? frontmatter.title,
      summary: frontmatter.summary,
      date: frontmatter.date,
      tags: [...frontmatter.tags],
      // Front matter names account ids; the byline shows the display names site.yaml gives them.
      authors: frontmatter.authors.map((id) => site.authors[id] ?? id),
      scenario: {
        name: session.defaultScenario,
        label: session.scenarioLabel(session.defaultScenario),
        isDefault,
      },
      bodyHtml: String(file.value),
      toc: file.data.toc ?? [],
    }
    // Publishing (feed, sitemap, social card, head metadata): site/publish.ts, site/page-meta.ts.
    const charts = (file.data.charts ?? []).map((c) => ({ id: c.id, file: c.file }))
    const { bodyHtml: _page, toc: _toc, ...text } = article
    const publishedArticle: PublishedArticle = {
      ...text,
      updated: frontmatter.updated ?? frontmatter.date,
      charts,
      // The feed entry, made now from the page's tree (rewritten in place: the page is done),
      // so no page's tree or HTML is held until the feed is written.
      contentHtml: site.siteUrl
        ? feedContentHtml(tree, absoluteUrl(site.siteUrl, `${slug}/`), charts)
        : '',
    }
    published.push(publishedArticle)
    if (published.length > 2 * FEED_ENTRIES) keepFeedContent(published)
    const buildInfo = {
      commit,
      modelHash,
      figuresJson: 'figures.json',
      claimsReport: 'claims.json',
    }
    await emit(
      `${slug}/index.html`,
      renderTemplate(() =>
        renderArticlePage(env, {
          site: { title: site.title, baseUrl: site.seriesBaseUrl },
          root: '../',
          article,
          build: buildInfo,
          meta: site.siteUrl ? pageMeta(site.siteUrl, site.title, publishedArticle) : undefined,
        }),
      ),
    )
    out.pageWritten?.(path)
    await emit(`${slug}/figures.json`, figuresJson(file, session, { commit, modelHash }))
    for (const chart of file.data.charts ?? []) await emit(`${slug}/${chart.file}`, chart.svg)
    await emit(`${slug}/whatif.json`, whatifJson(file, session))
    await emit(
      `${slug}/whatif-charts.json`,
      await whatifChartsJson(file, session, effects.chartStore),
    )
    await emit(
      `${slug}/claims.json`,
      `${JSON.stringify(file.data.claims ?? [], null, 2)}
`,
    )
    articles.push({
      slug,
      titleHtml: file.data.titleHtml ?? '',
      titleText: article.titleText,
      summary: article.summary,
      date: article.date,
      href: `${slug}/`,
    })
  }
  if (errors.length > 0) throw new BuildFailure(errors)

  // 4. The index and the static assets.
  articles.sort((a, b) =>
    a.date === b.date ? a.slug.localeCompare(b.slug) : b.date.localeCompare(a.date),
  )
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
  // 5. Publishing: feed, sitemap, robots.txt, social images and the 404 page (site/publish.ts).
  keepFeedContent(published)
  const render404 = () =>
    env.render('404.njk', {
      site: { title: site.title, baseUrl: site.seriesBaseUrl },
      // Pages serves 404.html for a missing path at any depth: its links start from the site's
      // own path (`/economics-of-alignment/`), which holds wherever the missing path was.
      root: site.siteUrl ? new URL(site.siteUrl).pathname : '',
    })
  for (const [path, content] of await publishedFiles(
    site,
    published,
    () => renderTemplate(render404),
    env.getFilter('longDate'),
  ))
    await emit(path, content)
  return {
    files: memory.files,
    binaryFiles: memory.binaryFiles,
    written,
    warnings,
    claims,
    pages: articles.map((a) => a.href),
    session,
  }
}

/**
 * Sorts `published` newest first and drops the feed content of all but the FEED_ENTRIES newest:
 * the feed shows only those, and a thousand articles' content would not fit in memory.
 */
function keepFeedContent(published: PublishedArticle[]): void {
  published.sort((a, b) =>
    a.date === b.date ? a.slug.localeCompare(b.slug) : b.date.localeCompare(a.date),
  )
  for (let i = FEED_ENTRIES; i < published.length; i++) {
    const article = published[i] as PublishedArticle
    if (article.contentHtml) published[i] = { ...article, contentHtml: '' }
  }
}

/**
 * The session for a model and options, reused while both stay the same: its evaluations, draws,
 * datasets and claim chances depend on nothing else, so `npm run dev` rebuilds after a prose
 * edit do not compute them again. A model edit brings a new model object, hence a new session.
 */
const sessions = new WeakMap<CostModel, { key: string; session: ModelSession }>()
function sessionFor(model: CostModel, options: BuildOptions): ModelSession {
  const key = JSON.stringify([options.scenario, options.settings, options.samples, options.seed])
  const found = sessions.get(model)
  if (found?.key === key) return found.session
  const session = createModelSession(model, options)
  sessions.set(model, { key, session })
  return session
}

/** Chart specs by path relative to content/. */
async function loadCharts(effects: BuildEffects): Promise<Map<string, string>> {
  const names = (await effects.list('content/charts').catch(() => [])).filter((n) =>
    n.endsWith('.vl.json'),
  )
  return new Map(
    await Promise.all(
      names.map(
        async (n) => [`charts/${n}`, await effects.readText(`content/charts/${n}`)] as const,
      ),
    ),
  )
}

/**
 * A short hash of the model, shown in the page footer: of its source files when it names its
 * folder, else of its definitions (ids, values, formulas and the code of every computation).
 */
async function hashModel(model: CostModel, effects: BuildEffects): Promise<string> {
  const hash = createHash('sha256')
  if (model.sourceDir) {
    for (const name of await effects.list(model.sourceDir))
      hash.update(name).update(await effects.readText(`${model.sourceDir}/${name}`))
  } else {
    for (const def of model.inputs) hash.update(JSON.stringify(def))
    for (const def of model.derived) hash.update(`${def.id}${def.formula}${def.compute}`)
    hash.update(JSON.stringify(model.scenarios))
  }
  return hash.digest('hex').slice(0, 12)
}

function renderTemplate(render: () => string): string {
  try {
    return render()
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error
    throw new BuildFailure([diagnosticOf(error)])
  }
}

function toDiagnostic(path: string, message: VFileMessage): Diagnostic {
  const place = message.line ? `${path}:${message.line}:${message.column ?? 1}` : path
  return {
    place,
    reason: message.reason,
    hint: message.note,
    ruleId: message.ruleId,
    severity: message.fatal ? 'error' : 'warning',
  }
}
