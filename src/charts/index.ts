/**
 * The chart stage's public API: spec file → validated, themed, deterministic, accessible SVG.
 * The page builder should import from here; the other modules are implementation.
 */

export { chartMessages } from '../diagnostics/chart-messages.ts'
export {
  type CachedChart,
  type ChartCacheStore,
  type ChartRenderer,
  chartCacheKey,
  fsChartCacheStore,
  memoryChartCacheStore,
  renderChartCached,
} from './cache.ts'
export { ChartError, type ChartErrorDetails, type ChartRuleId, isChartError } from './errors.ts'
export { type ChartInput, type RenderedChart, renderChart } from './render.ts'
export { parseSpecJson, withSpecPosition } from './spec.ts'
export { toStandaloneSvg } from './svg.ts'
export { type DataTableColumn, dataTableHtml } from './table.ts'
export { chartTheme, okabeIto } from './theme.ts'
