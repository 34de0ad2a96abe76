/**
 * Templates are read like every other input: UTF-8 checked, BOM dropped, CRLF turned into LF, so
 * a Windows checkout renders byte-identical pages. A bad byte is a located error.
 */
import { readFileSync } from 'node:fs'
import { relative } from 'node:path'
import nunjucks from 'nunjucks'
import { BuildFailure } from '../diagnostics/report.ts'
import { decodeText } from '../read/decode.ts'

/** nunjucks' FileSystemLoader with the build's decoding. */
export class NormalisedLoader extends nunjucks.FileSystemLoader {
  override getSource(name: string): nunjucks.LoaderSource {
    const source = super.getSource(name)
    // The typings say non-null; the loader returns null for a template it does not have.
    if (!source) return source
    const path = relative(process.cwd(), source.path) || source.path
    try {
      return { ...source, src: decodeText(path, readFileSync(source.path)) }
    } catch (error) {
      // nunjucks reports an error's message at the template; keep the byte's position in it.
      const first = error instanceof BuildFailure ? error.diagnostics[0] : undefined
      if (!first) throw error
      throw new Error(`${first.reason} (${first.place})`)
    }
  }
}
