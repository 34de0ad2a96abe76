/**
 * Page rendering: the article page and the series index, from `templates/article.njk` and
 * `templates/index.njk`. Everything in a context is escaped by the templates except fields named
 * `*Html`, which the build has already rendered from trusted sources.
 */
import type nunjucks from 'nunjucks'
import type { TocHeading } from '../pipeline/records.ts'
import { toTemplateError } from './template-error.ts'

/** The site as a whole. */
export interface SiteContext {
  title: string
  /** Where the rest of the series lives: an absolute URL, the one link that may leave the site. */
  baseUrl: string
}

/** Everything `article.njk` shows. */
export interface ArticlePageContext {
  site: SiteContext
  /** Relative path from this page to the site root, ending in `/` (`'../'`), or `''` at the root. */
  root: string
  article: {
    slug: string
    titleHtml: string
    titleText: string
    summary: string
    /** YYYY-MM-DD */
    date: string
    tags: string[]
    authors: string[]
    scenario: { name: string; label: string; isDefault: boolean }
    /** Already-rendered, trusted HTML of the article body. */
    bodyHtml: string
    toc: TocHeading[]
  }
  build: {
    commit: string
    modelHash: string
    /** Relative href of this article's figures.json. */
    figuresJson: string
    /** Relative href of the claims report. */
    claimsReport: string
  }
  /** Canonical URL, social and JSON-LD metadata for `<head>`; absent without `siteUrl`. */
  meta?: import('../site/page-meta.ts').PageMeta | undefined
}

/** Everything `index.njk` shows. */
export interface IndexPageContext {
  site: SiteContext
  /** Relative path from the index to the site root: `''` when the index is the root. */
  root: string
  articles: Array<{
    slug: string
    titleHtml: string
    titleText: string
    summary: string
    /** YYYY-MM-DD */
    date: string
    /** Relative href of the article page. */
    href: string
  }>
  build: { commit: string; modelHash: string }
}

/** A table-of-contents entry with the level-3 headings that follow it. */
export interface TocNode {
  id: string
  text: string
  children: Array<{ id: string; text: string }>
}

export { TemplateError } from './template-error.ts'

/**
 * Renders an article page. Throws `TemplateError` (file, line, reason) when a template fails, and
 * a plain `Error` when the context breaks a rule the templates rely on (relative URLs only,
 * dates as YYYY-MM-DD).
 */
export function renderArticlePage(env: nunjucks.Environment, context: ArticlePageContext): string {
  assertRelative('root', context.root)
  assertRelative('build.figuresJson', context.build.figuresJson)
  assertRelative('build.claimsReport', context.build.claimsReport)
  assertAbsolute('site.baseUrl', context.site.baseUrl)
  assertIsoDate('article.date', context.article.date)
  return render(env, 'article.njk', { ...context, tocTree: nestToc(context.article.toc) })
}

/** Renders the series index. Throws as `renderArticlePage` does. */
export function renderIndexPage(env: nunjucks.Environment, context: IndexPageContext): string {
  assertRelative('root', context.root)
  assertAbsolute('site.baseUrl', context.site.baseUrl)
  for (const article of context.articles)
    assertRelative(`articles[${article.slug}].href`, article.href)
  return render(env, 'index.njk', context)
}

/** Groups each level-3 heading under the level-2 heading before it; leading ones stand alone. */
export function nestToc(toc: readonly TocHeading[]): TocNode[] {
  const nodes: TocNode[] = []
  for (const entry of toc) {
    const parent = nodes.at(-1)
    if (entry.depth === 3 && parent !== undefined) {
      parent.children.push({ id: entry.id, text: entry.text })
    } else {
      nodes.push({ id: entry.id, text: entry.text, children: [] })
    }
  }
  return nodes
}

function render(env: nunjucks.Environment, template: string, context: object): string {
  const templatesDir = searchPathOf(env)
  try {
    return env.render(template, context)
  } catch (error) {
    throw toTemplateError(error, templatesDir, template)
  }
}

function searchPathOf(env: nunjucks.Environment): string {
  const loader = (env as unknown as { loaders: Array<{ searchPaths?: string[] }> }).loaders[0]
  return loader?.searchPaths?.[0] ?? '.'
}

const schemeOrHost = /^(?:[a-z][a-z\d+.-]*:|\/)/i

function assertRelative(name: string, href: string): void {
  if (schemeOrHost.test(href) || (href !== '' && name === 'root' && !href.endsWith('/'))) {
    throw new Error(
      `Unexpected ${name} \`${href}\`, expected a relative path (the site is served under a subpath)`,
    )
  }
}

function assertAbsolute(name: string, url: string): void {
  if (!/^https?:\/\//.test(url)) {
    throw new Error(`Unexpected ${name} \`${url}\`, expected an absolute http(s) URL`)
  }
}

function assertIsoDate(name: string, date: string): void {
  if (!/^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/.test(date)) {
    throw new Error(`Unexpected ${name} \`${date}\`, expected YYYY-MM-DD`)
  }
}
