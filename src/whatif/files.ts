/**
 * What the build writes for the "Try your own numbers" panel: each page's table
 * (`<slug>/whatif.json`; its charts' are charts.ts's) and, once for the site, the browser code
 * compiled by `npm run compile` into lib/ (`assets/whatif.js`, the panel, and
 * `assets/whatif-charts.js`, the Vega runtime it imports to redraw charts; absent in sites built
 * without them, where the panel says it cannot load).
 */
import type { VFile } from 'vfile'
import type { ModelSession } from '../pipeline/session.ts'
import type { BuildEffects } from '../site/effects.ts'
import { pageTable } from './table.ts'

/** The page's table as JSON text. */
export function whatifJson(file: VFile, session: ModelSession): string {
  return `${JSON.stringify(pageTable(file, session, file.data.whatifInputs))}\n`
}

/** The browser bundle's files, by output path under dist/assets/. */
export async function whatifAssets(effects: BuildEffects): Promise<Map<string, string>> {
  const assets = new Map<string, string>()
  const names = await effects.list('lib/browser').catch(() => [])
  for (const name of names)
    if (name.endsWith('.js')) assets.set(name, await effects.readText(`lib/browser/${name}`))
  return assets
}
