/**
 * The last stage before the page is written out: waits for the chart drawings rehype-charts
 * started, gives each picture its drawings' width and height (the page keeps its layout while
 * they load), records them for the build to write, and reports any chart that failed to draw.
 * Every stage between the two ran meanwhile, while the chart worker drew; the build's own work
 * that needs no drawing (the social card, figures.json) runs here first (`whileChartsDraw`).
 */
import type { VFile } from 'vfile'

/** The unified plugin. */
export default function rehypeChartSizes() {
  return async (_tree: unknown, file: VFile): Promise<void> => {
    file.data.whileChartsDraw?.()
    await file.data.chartsDrawn?.()
  }
}
