/**
 * Vega, Vega-Lite and vega-interpreter as a bundle of their own (lib/vega.cjs). The command line
 * (lib/article.cjs) requires it only when its own thread draws or compiles a chart, which a
 * build whose charts the chart worker draws, or finds cached, never does: without them the
 * command line is 2.1 MB instead of 3.5 MB, and loads ~40 ms sooner on every start (and in each
 * article worker). The chart worker's bundle carries its own copy.
 */

export * as vega from 'vega'
export * as interpreter from 'vega-interpreter'
export * as vegaLite from 'vega-lite'
