/**
 * Test helpers: the build in memory. Content comes from a map; model sources, templates and
 * site settings come from the real project, so fixtures exercise the real pipeline.
 */
import { cpSync, mkdtempSync, readdirSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type BuildEffects, type BuildResult, build } from '../src/build.ts'
import { memoryChartCacheStore } from '../src/charts/cache.ts'
import { BuildFailure, type Diagnostic, formatDiagnostic } from '../src/diagnostics/report.ts'
import { articleCostModel } from '../src/model/index.ts'
import { decodeText, readSourceText } from '../src/read/decode.ts'
import { memoryMemo } from '../src/site/effects.ts'

/** The project root (tests run from it). */
export const root = process.cwd()

/** What a copy of the project needs to run the compiled command line. */
export const PROJECT_FILES = [
  'bin',
  'scripts',
  'lib',
  'src',
  'content',
  'templates',
  'package.json',
  'package-lock.json',
] as const

/** A throwaway copy of the project (node_modules linked), for the command line to run in. */
export function projectCopy(prefix = 'article-project-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  for (const entry of PROJECT_FILES)
    cpSync(join(root, entry), join(dir, entry), { recursive: true })
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'))
  return dir
}

/** Effects serving `content` (relative path → text) and the project's other files from disk. */
export function memoryEffects(
  content: Readonly<Record<string, string | Uint8Array>>,
): BuildEffects {
  const files = new Map(Object.entries(content))
  return {
    // Decoded exactly as the real effects decode bytes (UTF-8 checked, BOM and CRLF dropped).
    readText: async (path) => {
      const value = files.get(path)
      if (value === undefined) return readSourceText(root, path)
      return decodeText(path, typeof value === 'string' ? Buffer.from(value) : value)
    },
    list: async (dir) => {
      const own = [...files.keys()].filter((p) => p.startsWith(`${dir}/`))
      // content/ is always the fixture's; content/charts/ only when the fixture brings charts.
      if (dir === 'content' || own.length > 0) {
        return own
          .map((p) => p.slice(dir.length + 1))
          .filter((name) => !name.includes('/'))
          .sort()
      }
      return readdirSync(join(root, dir), { withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => e.name)
        .sort()
    },
    commit: async () => '0123456789abcdef0123456789abcdef01234567',
    memo: memoryMemo(),
    chartStore: memoryChartCacheStore(),
  }
}

/** Site settings used by fixtures. */
export const siteYaml = 'title: Test site\nseriesBaseUrl: https://example.org/\n'

/** Builds one markdown file in memory; returns the result or the diagnostics it failed with. */
export async function buildOne(
  markdown: string | Uint8Array,
  options: {
    scenario?: string
    settings?: string[]
    charts?: Readonly<Record<string, string | Uint8Array>>
    /** Other content files by path relative to the project (`content/site.yaml`). */
    files?: Readonly<Record<string, string | Uint8Array>>
  } = {},
): Promise<{ result?: BuildResult; diagnostics: Diagnostic[] }> {
  const charts = Object.entries(options.charts ?? {}).map(([name, text]) => [
    `content/charts/${name}`,
    text,
  ])
  try {
    const result = await build(
      articleCostModel,
      { root, scenario: options.scenario, settings: options.settings },
      memoryEffects({
        'content/input.md': markdown,
        'content/site.yaml': siteYaml,
        ...Object.fromEntries(charts),
        ...options.files,
      }),
    )
    return { result, diagnostics: [...result.warnings] }
  } catch (error) {
    if (error instanceof BuildFailure) return { diagnostics: [...error.diagnostics] }
    throw error
  }
}

/** Diagnostics as the terminal shows them, one per line (hints indented). */
export const formatAll = (diagnostics: readonly Diagnostic[]): string =>
  diagnostics.map(formatDiagnostic).join('\n')

/** A minimal valid front matter. */
export const frontmatter = '---\ntitle: "Fixture"\ndate: 2025-11-13\n---\n\n'
