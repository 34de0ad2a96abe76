// The parts of Vega the page's chart chunk imports from Vega's own packages rather than from
// `vega`, whose index registers every transform (geo, force, word clouds, …) and so bundles all
// of them. Only `vega` ships type declarations: these borrow its types.
declare module 'vega-view' {
  export { View } from 'vega'
}
declare module 'vega-parser' {
  export { parse } from 'vega'
}
declare module 'vega-scenegraph' {
  export { resetSVGDefIds } from 'vega'
  /** How Vega measures text; the build and the page both set `width` (charts/text-width.ts). */
  export const textMetrics: { width: (item: never, text?: unknown) => number }
}
declare module 'vega-dataflow' {
  /** The transform registry the parser looks names up in. */
  export const transforms: Record<string, unknown>
}
declare module 'vega-transforms' {
  const transforms: Record<string, unknown>
  export = transforms
}
declare module 'vega-view-transforms' {
  const transforms: Record<string, unknown>
  export = transforms
}
declare module 'vega-encode' {
  const transforms: Record<string, unknown>
  export = transforms
}
