/**
 * content/site.yaml: parsed with the YAML limits of yaml-safe.ts and validated strictly, every
 * problem located at its line and column (the key, or the value that is wrong).
 */
import { isMap, isPair, isScalar, LineCounter, parseDocument } from 'yaml'
import { z } from 'zod'
import { messages } from '../diagnostics/messages.ts'
import { BuildFailure } from '../diagnostics/report.ts'
import { parseYamlFile } from '../read/yaml.ts'
import type { BuildEffects } from './effects.ts'

/** Where the settings live, relative to the project root. */
export const SITE_PATH = 'content/site.yaml'

/** The settings' schema: the series links must be web URLs, never `javascript:`. */
export const siteSchema = z.strictObject({
  title: z.string(),
  description: z.string().default(''),
  seriesBaseUrl: z.url({ protocol: /^https?$/, error: 'expected an absolute http(s) URL' }),
  /** Where this site is published (canonical links, feed, sitemap); may end in a subpath. */
  siteUrl: z.url({ protocol: /^https?$/, error: 'expected an absolute http(s) URL' }).optional(),
  /** Display names of the front matter's `authors` ids (`admin: The series editors`). */
  authors: z.record(z.string(), z.string()).default({}),
})

/** The site's settings. */
export type SiteConfig = z.infer<typeof siteSchema>

/** Parses and validates the settings' text; throws BuildFailure at `path:line:col`. */
export function parseSiteConfig(text: string, path: string = SITE_PATH): SiteConfig {
  const value = parseYamlFile(text, path, messages.siteHint)
  const parsed = siteSchema.safeParse(value)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  const key =
    issue?.code === 'unrecognized_keys' ? issue.keys[0] : issue?.path.map(String).join('.')
  const message = messages.siteSetting(key ?? '', issue?.message ?? '')
  const { line, col } = placeOf(text, key ?? '', issue?.code === 'unrecognized_keys')
  throw new BuildFailure([
    { place: `${path}:${line}:${col}`, ...message, ruleId: 'site-config', severity: 'error' },
  ])
}

/** Line and column of a top-level key (or its value); 1:1 when the key is absent. */
function placeOf(text: string, key: string, wantKey: boolean): { line: number; col: number } {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter })
  const contents = doc.contents
  if (!isMap(contents)) return { line: 1, col: 1 }
  const pair = contents.items.find(
    (item) => isPair(item) && isScalar(item.key) && String(item.key.value) === key,
  )
  const node = wantKey ? pair?.key : pair?.value
  const offset = (node as { range?: [number, number] } | undefined)?.range?.[0]
  return offset === undefined ? { line: 1, col: 1 } : lineCounter.linePos(offset)
}

/** The last settings read, by their text: `npm run dev` rebuilds validate them once. */
let last: { readonly text: string; readonly site: SiteConfig } | undefined

/** Reads and validates content/site.yaml through the build's effects. */
export async function loadSite(effects: BuildEffects): Promise<SiteConfig> {
  const text = await effects.readText(SITE_PATH)
  if (last?.text !== text) last = { text, site: parseSiteConfig(text) }
  return last.site
}
