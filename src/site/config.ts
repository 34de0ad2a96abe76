/**
 * content/site.yaml: the site's title and where the rest of the series lives, validated with a
 * strict schema so a misspelt key is an error at its place.
 */
import { parseDocument } from 'yaml'
import { z } from 'zod'
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
  const hint = 'content/site.yaml takes title, description and seriesBaseUrl (an absolute URL)'
  const doc = parseDocument(await effects.readText(path), { prettyErrors: false })
  const yamlError = doc.errors[0]
  if (yamlError) {
    const at = yamlError.linePos?.[0]
    const place = at ? `${path}:${at.line}:${at.col}` : path
    const reason = `Unexpected YAML: ${yamlError.message.split('\n')[0] ?? ''}`
    throw new BuildFailure([{ place, reason, hint, severity: 'error' }])
  }
  const parsed = siteSchema.safeParse(doc.toJS())
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const reason = `Unexpected site setting \`${issue?.path.join('.') ?? ''}\`: ${issue?.message ?? ''}`
    throw new BuildFailure([{ place: path, reason, hint, severity: 'error' }])
  }
  return parsed.data
}
