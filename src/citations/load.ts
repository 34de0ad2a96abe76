/**
 * The build's side of the bibliography: read content/references.bib through the build's
 * effects and turn its errors into located diagnostics (`content/references.bib:12:3: error: …`).
 */
import { BuildFailure, diagnosticOf } from '../diagnostics/report.ts'
import { BibliographyError, parseBibliography } from './bibliography.ts'
import type { Bibliography } from './types.ts'

/** Where the article's bibliography lives, relative to the project root. */
const BIBLIOGRAPHY_PATH = 'content/references.bib'

/** The last bibliography parsed, by its text: `npm run dev` rebuilds parse it once. */
let last:
  | { readonly text: string; readonly path: string; readonly bibliography: Bibliography }
  | undefined

/** Reads and parses the bibliography; a missing file is an empty one. Throws BuildFailure. */
export async function loadBibliography(
  readText: (path: string) => Promise<string>,
  path: string = BIBLIOGRAPHY_PATH,
): Promise<Bibliography> {
  let text: string
  try {
    text = await readText(path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    text = ''
  }
  if (last?.text === text && last.path === path) return last.bibliography
  try {
    const bibliography = parseBibliography(text, path)
    last = { text, path, bibliography }
    return bibliography
  } catch (error) {
    if (!(error instanceof BibliographyError)) throw error
    throw new BuildFailure([diagnosticOf(error)])
  }
}
