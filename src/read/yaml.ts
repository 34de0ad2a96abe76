/**
 * YAML read safely: syntax errors located at line and column, and documents that expand beyond
 * the resource limits (alias bombs) reported as errors instead of a raw ReferenceError.
 */
import { LineCounter, parseDocument } from 'yaml'
import { messages } from '../diagnostics/messages.ts'
import { BuildFailure } from '../diagnostics/report.ts'

/** The most aliases a document may expand; plain settings need none. */
export const MAX_ALIAS_COUNT = 100

/** The plain value of a parsed document, or the reason it exceeded the limits. */
export function yamlToJs(
  doc: ReturnType<typeof parseDocument>,
): { ok: true; value: unknown } | { ok: false; detail: string } {
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) }
  } catch (error) {
    if (!(error instanceof ReferenceError || error instanceof RangeError)) throw error
    return { ok: false, detail: error.message }
  }
}

/** Parses a configuration file; throws BuildFailure at `path:line:col` with `hint`. */
export function parseYamlFile(text: string, path: string, hint: string): unknown {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { prettyErrors: false, lineCounter, uniqueKeys: true })
  const yamlError = doc.errors[0]
  if (yamlError) {
    const at = lineCounter.linePos(yamlError.pos[0])
    const reason = `Unexpected YAML: ${yamlError.message.split('\n')[0] ?? ''}`
    throw new BuildFailure([
      { place: `${path}:${at.line}:${at.col}`, reason, hint, ruleId: 'yaml', severity: 'error' },
    ])
  }
  const js = yamlToJs(doc)
  if (!js.ok) {
    const m = messages.siteYamlLimits(js.detail)
    throw new BuildFailure([
      { place: `${path}:1:1`, ...m, ruleId: 'yaml-limits', severity: 'error' },
    ])
  }
  return js.value
}
