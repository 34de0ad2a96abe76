import type { Element } from 'hast'
// What the pipeline stores on a file as it goes: read by later stages and by build.ts.
import type {
  ChartRecord,
  ChartSlot,
  Claim,
  Frontmatter,
  GeneratedSlot,
  ShownNumber,
  TocHeading,
} from '../pipeline/records.ts'

declare module 'vfile' {
  interface DataMap {
    frontmatter: Frontmatter
    /** The title with computed numbers as plain spans (index cards). */
    titleHtml: string
    titleText: string
    /** The title's element, taken out of the body before provenance popovers are added. */
    titleElement: Element
    /** The title with popover buttons, for the article's own heading. */
    titleArticleHtml: string
    /** Every computed number on the page, in the order directives made them. */
    shown: ShownNumber[]
    claims: Claim[]
    /** Charts placed by `::chart`, with their parsed specs, waiting to be rendered. */
    chartSlots: ChartSlot[]
    charts: ChartRecord[]
    /** Waits for the drawings rehype-charts started and adds them (rehype-chart-sizes.ts). */
    chartsDrawn: () => Promise<void>
    /**
     * Work the build does while the charts are drawn: the page is complete but for its charts'
     * sizes, and the thread would otherwise wait (rehype-chart-sizes.ts calls it first).
     */
    whileChartsDraw: () => void
    /** Generated sections placed by directives, filled once the whole page is known. */
    generatedSlots: GeneratedSlot[]
    toc: TocHeading[]
    citations: string[]
    /** Ids of the inputs tables on the page, by scenario: popovers link to them, not repeat them. */
    inputsTables: Record<string, string>
    /** The inputs the "Try your own numbers" panel offers (`::whatif`); else the default list. */
    whatifInputs: string[]
  }
}
