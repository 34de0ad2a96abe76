import type { Root as HastRoot } from 'hast'
// What the pipeline stores on a file as it goes: read by later stages and by build.ts.
import type { ChartRecord, Claim, Frontmatter, ShownFigure, TocEntry } from '../pipeline/records.ts'

declare module 'vfile' {
  interface DataMap {
    frontmatter: Frontmatter
    /** The title with computed numbers as plain spans (index cards, <title>). */
    titleHtml: string
    titleText: string
    /** The title as hast, for rehype-provenance to give its numbers popovers. */
    titleHast: HastRoot
    /** The title with popover buttons, for the article's own heading. */
    titleArticleHtml: string
    shown: ShownFigure[]
    claims: Claim[]
    charts: ChartRecord[]
    toc: TocEntry[]
    citations: string[]
  }
}
