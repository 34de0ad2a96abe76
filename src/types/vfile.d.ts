// What the pipeline stores on a file as it goes: read by later stages and by build.ts.
import type { ChartRecord, Claim, Frontmatter, ShownFigure, TocEntry } from '../pipeline/records.ts'

declare module 'vfile' {
  interface DataMap {
    frontmatter: Frontmatter
    titleHtml: string
    titleText: string
    shown: ShownFigure[]
    claims: Claim[]
    charts: ChartRecord[]
    toc: TocEntry[]
    citations: string[]
  }
}
