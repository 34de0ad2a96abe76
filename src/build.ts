/**
 * The build, as a function: content and templates in, a map of output files out. All reading
 * goes through `BuildEffects` and nothing is written here, so tests run it in memory and the
 * dev server calls it again and again. Writing the site is site-writer.ts's job.
 */
import { createHash } from 'node:crypto'
import { posix } from 'node:path'
import { VFile } from 'vfile'
import type { VFileMessage } from 'vfile-message'
import type { ChartCacheStore } from './charts/cache.ts'
import { loadBibliography } from './citations/load.ts'
import { CliError, flagFor } from './diagnostics/errors.ts'
import { BuildFailure, type Diagnostic } from './diagnostics/report.ts'
import { DEFAULT_SCENARIO, ModelError, scenarioDefs } from './model/index.ts'
import { directiveRegistry } from './pipeline/directives/registry.ts'
import { createProcessor } from './pipeline/processor.ts'
import type { Claim } from './pipeline/records.ts'
import type { TextMemo } from './pipeline/rehype-highlight.ts'
import { createModelSession, type ModelSession } from './pipeline/session.ts'
import { createEnvironment } from './render/environment.ts'
import {
  type IndexPageContext,
  renderArticlePage,
  renderIndexPage,
  TemplateError,
} from './render/page.ts'
import { listArticles, withinBudget } from './site/articles.ts'
import { figuresJson } from './site/figures-json.ts'
import { pageKey, readPage, writePage } from './site/page-cache.ts'
import { parseSiteConfig, SITE_PATH, type SiteConfig } from './site/site-config.ts'

/** What to build. Paths are relative to `root` unless absolute. */
export interface BuildOptions {
  readonly root: string
  readonly scenario?: string | undefined
  readonly settings?: readonly string[] | undefined
  /**
   * Identifies the build's own code (the bundle's hash). With it, processed pages are cached by
   * their inputs' hash; without it (tests running the sources) nothing is cached.
   */
  readonly codeVersion?: string | undefined
}

/** The build's window on the world: reading files and asking git. */
export interface BuildEffects {
  /** Text of a file under the project root (a relative, `/`-separated path). */
  readText(path: string): Promise<string>
  /** Relative paths of the files directly in a folder, sorted. */
  list(dir: string): Promise<string[]>
  /** The commit the build comes from. */
  commit(): Promise<string>
  /** Memo for expensive, content-keyed results (highlighting). */
  readonly memo: TextMemo
  /** Cache of rendered chart SVGs, keyed by spec, data and library versions. */
  readonly chartStore: ChartCacheStore
}

/** A built site: output files by relative path, plus what the author should hear about. */
export interface BuildResult {
  readonly files: ReadonlyMap<string, string>
  readonly warnings: readonly Diagnostic[]
  readonly claims: readonly (Claim & { readonly file: string })[]
  readonly pages: readonly string[]
}

/** Builds every article in content/ and the index. Throws BuildFailure or CliError on user errors. */
export async function build(options: BuildOptions, effects: BuildEffects): Promise<BuildResult> {
  // 1. Configuration and the model under the requested scenario.
  const site = await loadSite(effects)
  const session = modelSession(options)
  const modelHash = await hashModel(effects)
  const commit = await effects.commit()
  const sources = {
    formulas: await effects.readText('src/model/formulas.ts'),
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
  const cacheParts =
    options.codeVersion === undefined
      ? undefined
      : {
          code: options.codeVersion,
          model: modelHash,
          // The bibliography is parsed from this text; the chart specs are the ones pages read.
          bib: await effects.readText('content/references.bib').catch(() => ''),
          charts: [...sources.charts],
          site,
          scenario: session.defaultScenario,
          settings: session.settings,
        }
  const env = createEnvironment(posix.join(options.root, 'templates'))
  const files = new Map<string, string>()
  const warnings: Diagnostic[] = []
  const errors: Diagnostic[] = []
  const claims: Array<Claim & { file: string }> = []
  const articles: IndexPageContext['articles'] = []

  // 2. Each article: parse, resolve directives against the model, render HTML.
  for (const name of await listArticles(effects)) {
    const path = `content/${name}`
    const text = await effects.readText(path)
    const key = cacheParts && pageKey({ ...cacheParts, path, text })
    let page = key ? readPage(effects.memo, key) : undefined
    if (!page) {
      const processed = new VFile({ path, value: text })
      await withinBudget(path, processor.process(processed))
      page = {
        html: String(processed.value),
        data: processed.data,
        diagnostics: processed.messages.map((m) => toDiagnostic(path, m)),
      }
      if (key) writePage(effects.memo, key, page)
    }
    for (const d of page.diagnostics) (d.severity === 'error' ? errors : warnings).push(d)
    const file = new VFile({ path, value: page.html })
    file.data = { ...page.data }
    if (errors.length > 0 || !file.data.frontmatter) continue
    const frontmatter = file.data.frontmatter
    const slug = frontmatter.slug ?? name.replace(/\.md$/, '')
    for (const claim of file.data.claims ?? []) claims.push({ ...claim, file: path })
    // 3. The page from its template, and its figures.json.
    const scenario = scenarioDefs.find((s) => s.name === session.defaultScenario)
    const article = {
      slug,
      titleHtml: file.data.titleArticleHtml ?? file.data.titleHtml ?? '',
      titleText: file.data.titleText ?? frontmatter.title,
      summary: frontmatter.summary,
      date: frontmatter.date,
      tags: [...frontmatter.tags],
      authors: [...frontmatter.authors],
      scenario: {
        name: session.defaultScenario,
        label: scenario?.label ?? session.defaultScenario,
        isDefault: session.defaultScenario === DEFAULT_SCENARIO && session.settings.length === 0,
      },
      bodyHtml: String(file.value),
      toc: file.data.toc ?? [],
    }
    const buildInfo = {
      commit,
      modelHash,
      figuresJson: 'figures.json',
      claimsReport: 'claims.json',
    }
    files.set(
      `${slug}/index.html`,
      renderTemplate(() =>
        renderArticlePage(env, {
          site: { title: site.title, baseUrl: site.seriesBaseUrl },
          root: '../',
          article,
          build: buildInfo,
        }),
      ),
    )
    files.set(`${slug}/figures.json`, figuresJson(file, session, { commit, modelHash }))
    for (const chart of file.data.charts ?? []) files.set(`${slug}/${chart.file}`, chart.svg)
    files.set(`${slug}/claims.json`, `${JSON.stringify(file.data.claims ?? [], null, 2)}\n`)
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
  files.set(
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
    files.set(`assets/${asset}`, await effects.readText(`templates/assets/${asset}`))
  }
  return { files, warnings, claims, pages: articles.map((a) => a.href) }
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

function modelSession(options: BuildOptions): ModelSession {
  try {
    return createModelSession(options.scenario ?? DEFAULT_SCENARIO, options.settings ?? [])
  } catch (error) {
    if (!(error instanceof ModelError)) throw error
    throw new CliError(flagFor(error.ruleId), error.reason, error.hint)
  }
}

async function loadSite(effects: BuildEffects): Promise<SiteConfig> {
  return parseSiteConfig(await effects.readText(SITE_PATH))
}

/** A short hash of the model's code and inputs, shown in the page footer. */
async function hashModel(effects: BuildEffects): Promise<string> {
  const hash = createHash('sha256')
  for (const name of await effects.list('src/model'))
    hash.update(name).update(await effects.readText(`src/model/${name}`))
  return hash.digest('hex').slice(0, 12)
}

function renderTemplate(render: () => string): string {
  try {
    return render()
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error
    const place = [
      posix.relative(process.cwd(), error.file) || error.file,
      error.line,
      error.column,
    ]
      .filter((p) => p !== undefined)
      .join(':')
    throw new BuildFailure([
      {
        place,
        reason: error.reason,
        hint: 'check the variable names against the page context in src/render/page.ts',
        ruleId: 'template',
        severity: 'error',
      },
    ])
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
