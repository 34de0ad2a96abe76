/**
 * content/site.yaml: the site's title and where the rest of the series lives, validated with a
 * strict schema so a misspelt key is an error at its place.
 */
import { parseDocument } from 'yaml'
import { z } from 'zod'
import { messages } from '../diagnostics/messages.ts'
import { BuildFailure } from '../diagnostics/report.ts'
import type { BuildEffects } from './effects.ts'

const siteSchema = z.strictObject({
  title: z.string(),
  description: z.string().default(''),
  seriesBaseUrl: z.url(),
})

/** The site settings. */
export type SiteConfig = z.infer<typeof siteSchema>

/** Reads and validates content/site.yaml; throws BuildFailure with the place of a problem. */
export async function loadSite(effects: BuildEffects): Promise<SiteConfig> {
  const path = 'content/site.yaml'
  const doc = parseDocument(await effects.readText(path))
  const yamlError = doc.errors[0]
  if (yamlError) {
    const at = yamlError.linePos?.[0]
    const place = at ? `${path}:${at.line}:${at.col}` : path
    const message = messages.siteYaml(yamlError.message.split('\n')[0] ?? '')
    throw new BuildFailure([{ place, ...message, ruleId: 'site-config', severity: 'error' }])
  }
  const parsed = siteSchema.safeParse(doc.toJS())
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const message = messages.siteSetting(issue?.path.join('.') ?? '', issue?.message ?? '')
    throw new BuildFailure([{ place: path, ...message, ruleId: 'site-config', severity: 'error' }])
  }
  return parsed.data
}
