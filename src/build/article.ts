/**
 * One article, built: parsed, its directives resolved against the model, rendered into its page
 * with the page's figures.json, charts, what-if table, claims report and social image. Pure work
 * on a prepared context, so the main thread and the page workers (build/workers.ts) run the
 * same code and write the same bytes.
 */
import { createHash } from 'node:crypto'
import { posix } from 'node:path'
import { VFile } from 'vfile'
import type { VFileMessage } from 'vfile-message'
import { loadBibliography } from '../citations/load.ts'
import { BuildFailure, type Diagnostic, diagnosticOf } from '../diagnostics/report.ts'
import type { CostModel } from '../model/index.ts'
import { directiveRegistry } from '../pipeline/directives/registry.ts'
import { createProcessor, parseArticle } from '../pipeline/processor.ts'
import type { Claim, Frontmatter } from '../pipeline/records.ts'
import { createModelSession, type ModelSession } from '../pipeline/session.ts'
import { createEnvironment } from '../render/environment.ts'
import type { IndexPageContext } from '../render/page.ts'
import { renderArticlePage, TemplateError } from '../render/page.ts'
import { withinBudget } from '../site/articles.ts'
import { loadSite, type SiteConfig } from '../site/config.ts'
import type { BuildEffects } from '../site/effects.ts'
import { feedCandidates } from '../site/feed.ts'
import { feedContentHtml } from '../site/feed-content.ts'
import { figuresJson } from '../site/figures-json.ts'
import { pageMeta } from '../site/page-meta.ts'
import { socialImage } from '../site/publish.ts'
import { type PublishedArticle, socialImagePath } from '../site/published.ts'
import type { FileContent } from '../site/sink.ts'
import { absoluteUrl } from '../site/site-url.ts'
import { whatifChartsJson } from '../whatif/charts.ts'
import { whatifJson } from '../whatif/files.ts'
import type { BuildOptions } from './options.ts'

/** What every article of a build shares: made once per thread. */
export interface ArticleContext {
  readonly session: ModelSession
  readonly processor: ReturnType<typeof createProcessor>
  readonly env: ReturnType<typeof createEnvironment>
  readonly site: SiteConfig
  readonly effects: BuildEffects
  readonly commit: string
  readonly modelHash: string
  /** Built under the model's own scenario with no settings. */
  readonly isDefault: boolean
  /** Whether an article could be in the feed, of those this thread built (site/feed.ts). */
  readonly inFeed: (article: { date: string; slug: string }) => boolean
}

/** An article's index card. */
export type IndexCard = IndexPageContext['articles'][number]

/** One article built: its files, and what the rest of the site needs to know of it. */
export interface BuiltArticle {
  /** Its source, relative to the project root. */
  readonly path: string
  readonly diagnostics: readonly Diagnostic[]
  /** Output files in writing order, the page first; none when the article has errors. */
  readonly files: ReadonlyArray<readonly [string, FileContent]>
  readonly claims: readonly (Claim & { readonly file: string })[]
  readonly published?: PublishedArticle | undefined
  readonly card?: IndexCard | undefined
}

/**
 * The context of a build's articles: the model under the requested scenario and settings (one
 * session per model and options, reused by `npm run dev` rebuilds), the site's settings, the
 * processor and the templates. `charts` receives the chart specs, to draw them ahead.
 */
export async function prepareArticles(
  model: CostModel,
  options: BuildOptions,
  effects: BuildEffects,
): Promise<ArticleContext & { readonly charts: ReadonlyMap<string, string> }> {
  const session = sessionFor(model, options)
  const site = await loadSite(effects)
  const modelHash = await hashModel(model, effects)
  const commit = await effects.commit()
  const sources = {
    listingSource: model.listings ? await effects.readText(model.listings.source) : '',
    charts: await loadCharts(effects),
    bibliography: await loadBibliography((path) => effects.readText(path)),
  }
  const processor = createProcessor({
    session,
    registry: directiveRegistry,
    sources,
    seriesBaseUrl: site.seriesBaseUrl,
    memo: effects.memo,
    chartStore: effects.chartStore,
  })
  return {
    session,
    processor,
    env: createEnvironment(posix.join(options.root, 'templates')),
    site,
    effects,
    commit,
    modelHash,
    isDefault: session.defaultScenario === model.defaultScenario && session.settings.length === 0,
    inFeed: feedCandidates(),
    charts: sources.charts,
  }
}

/** Receives an article's page as soon as it is rendered, before the article's other files. */
export type PageReady = (path: string, page: FileContent) => Promise<void>

/** Stands for the body in the template's context; no page can hold it (see pageText). */
const BODY_MARK = '\uFDD0article body\uFDD1'

/**
 * The page: the template's text with the body's parts where the template wrote the body, so the
 * page is never one string (see TextParts). `render` renders the template with the given body.
 * A template that does anything else with the body than write it once (a filter, a test, a
 * second copy), or a page whose text holds the mark itself, is rendered with the whole body.
 */
function pageText(body: readonly string[], render: (bodyHtml: string) => string): FileContent {
  const page = render(BODY_MARK)
  const at = page.indexOf(BODY_MARK)
  const unique = at >= 0 && page.indexOf(BODY_MARK, at + 1) < 0
  if (unique && body.length > 0 && !body.some((part) => part.includes(BODY_MARK)))
    return { parts: [page.slice(0, at), ...body, page.slice(at + BODY_MARK.length)] }
  return render(body.join(''))
}

/**
 * Builds content/`name`. Located problems come back as diagnostics, not exceptions. With
 * `pageReady`, the page goes there as soon as it is rendered (the dev server shows it while the
 * rest is made) instead of into the result's files.
 */
export async function buildArticle(
  context: ArticleContext,
  name: string,
  pageReady?: PageReady,
): Promise<BuiltArticle> {
  const path = `content/${name}`
  try {
    return await buildArticleFiles(context, name, path, pageReady)
  } catch (error) {
    if (!(error instanceof BuildFailure)) throw error
    return { path, diagnostics: error.diagnostics, files: [], claims: [] }
  }
}

async function buildArticleFiles(
  context: ArticleContext,
  name: string,
  path: string,
  pageReady: PageReady | undefined,
): Promise<BuiltArticle> {
  const { session, processor, env, site, commit, modelHash } = context
  const file = new VFile({ path, value: await context.effects.readText(path) })
  const early = startedEarly(context, file)
  file.data.whileChartsDraw = early.start
  // Parsed (again only where it changed, see parseArticle), run and stringified as three steps
  // (processor.process does the same) so the final tree stays at hand for the feed entry below.
  const tree = await withinBudget(path, processor.run(parseArticle(file), file))
  const diagnostics = file.messages.map((message) => toDiagnostic(path, message))
  if (diagnostics.some((d) => d.severity === 'error') || !file.data.frontmatter)
    return { path, diagnostics, files: [], claims: [] }
  const { html: bodyParts } = processor.stringify(tree, file)
  const frontmatter = file.data.frontmatter
  const slug = frontmatter.slug ?? name.replace(/\.md$/, '')
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
      isDefault: context.isDefault,
    },
    // The template writes the body where this mark stands (pageText puts the parts there).
    bodyHtml: BODY_MARK,
    toc: file.data.toc ?? [],
  }
  // Publishing (feed, sitemap, social card, head metadata): site/publish.ts, site/page-meta.ts.
  const charts = (file.data.charts ?? []).map((c) => ({ id: c.id, file: c.file }))
  const { bodyHtml: _page, toc: _toc, ...text } = article
  const published: PublishedArticle = {
    ...text,
    updated: frontmatter.updated ?? frontmatter.date,
    charts,
    contentHtml: '', // made below, once the page is handed over
  }
  const page = pageText(bodyParts, (bodyHtml) =>
    renderTemplate(() =>
      renderArticlePage(env, {
        site: { title: site.title, baseUrl: site.seriesBaseUrl },
        root: '../',
        article: { ...article, bodyHtml },
        build: { commit, modelHash, figuresJson: 'figures.json', claimsReport: 'claims.json' },
        meta: site.siteUrl ? pageMeta(site.siteUrl, site.title, published) : undefined,
      }),
    ),
  )
  // Written while the data files are made, and awaited before the article is done (a failed
  // write surfaces there, not as an unhandled rejection).
  const pageWrite = pageReady?.(`${slug}/index.html`, page)
  pageWrite?.catch(() => undefined)
  const image = early.image(frontmatter)
  // The feed entry, made now from the page's tree (rewritten in place: the page is done), so no
  // page's tree or HTML is held until the feed is written.
  // Only for an article that can be among the feed's newest: the feed drops all others' (build.ts).
  const contentHtml =
    site.siteUrl && context.inFeed({ date: article.date, slug })
      ? feedContentHtml(tree, absoluteUrl(site.siteUrl, `${slug}/`), charts)
      : ''
  const files: Array<readonly [string, FileContent]> = [
    ...(pageReady ? [] : [[`${slug}/index.html`, page] as const]),
    [`${slug}/figures.json`, early.figures()],
    ...(file.data.charts ?? []).map((chart) => [`${slug}/${chart.file}`, chart.svg] as const),
    [`${slug}/whatif.json`, whatifJson(file, session)],
    [
      `${slug}/whatif-charts.json`,
      await whatifChartsJson(file, session, context.effects.chartStore),
    ],
    [`${slug}/claims.json`, `${JSON.stringify(file.data.claims ?? [], null, 2)}\n`],
    [socialImagePath(slug), await image],
  ]
  await pageWrite
  return {
    path,
    diagnostics,
    files,
    claims: (file.data.claims ?? []).map((claim) => ({ ...claim, file: path })),
    published: { ...published, contentHtml },
    card: {
      slug,
      titleHtml: file.data.titleHtml ?? '',
      titleText: article.titleText,
      summary: article.summary,
      date: article.date,
      href: `${slug}/`,
    },
  }
}

/**
 * An article's social card and figures.json, which need no chart drawing: started while its
 * charts are drawn (`start`, called by rehype-chart-sizes; the page is complete then but for its
 * charts' sizes, and on a cold build the thread waits ~0.2 s for the chart worker), and taken
 * where the article's files are put together. What was not started, or failed to start, is made
 * there, and fails there if it fails.
 */
function startedEarly(context: ArticleContext, file: VFile) {
  const makeFigures = () =>
    figuresJson(file, context.session, { commit: context.commit, modelHash: context.modelHash })
  const makeImage = (frontmatter: Frontmatter) => {
    const card = {
      titleText: file.data.titleText ?? frontmatter.title,
      summary: frontmatter.summary,
      date: frontmatter.date,
    }
    return socialImage(context.site, card, context.env.getFilter('longDate'))
  }
  let figures: FileContent | undefined
  let image: Promise<Uint8Array> | undefined
  const start = (): void => {
    const { frontmatter } = file.data
    if (!frontmatter || file.messages.some((m) => m.fatal)) return
    try {
      figures = makeFigures()
      image = makeImage(frontmatter)
      image.catch(() => undefined) // awaited where the card is taken, or dropped with the page
    } catch {
      // made again where it is taken, and any error reported there
    }
  }
  return {
    start,
    figures: () => figures ?? makeFigures(),
    image: (frontmatter: Frontmatter) => image ?? makeImage(frontmatter),
  }
}

/** A template's output; a template error becomes a located build failure. */
export function renderTemplate(render: () => string): string {
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
