import * as vega from 'vega'
import * as vl from 'vega-lite'

console.log(vega.version, vl.version)
const spec = {
  data: { name: 'd' },
  mark: 'bar',
  width: 200,
  height: 100,
  encoding: {
    x: { field: 'a', type: 'nominal' },
    y: { field: 'b', type: 'quantitative', axis: { format: '$,.0f' } },
  },
  config: {
    axis: {
      labelColor: 'currentColor',
      titleColor: 'currentColor',
      domainColor: 'currentColor',
      tickColor: 'currentColor',
      gridColor: '#888',
      gridOpacity: 0.3,
    },
    background: 'transparent',
    font: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  },
}
const warns: unknown[] = []
const logger = {
  level() {
    return this
  },
  warn(...a: unknown[]) {
    warns.push(a)
    return this
  },
  info() {
    return this
  },
  debug() {
    return this
  },
  error(...a: unknown[]) {
    throw new Error(String(a))
  },
}
const out = vl.compile(spec as never, { logger: logger as never })
console.log(JSON.stringify(out.spec.data))
const view = new vega.View(vega.parse(out.spec), { renderer: 'none' })
view.data('d', [
  { a: 'x', b: -1 },
  { a: 'y', b: 3000 },
])
await view.runAsync()
const svg = await view.toSVG()
console.log(svg)
console.log(warns)
