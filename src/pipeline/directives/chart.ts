/**
 * `::chart[caption]{src="charts/cost-by-stage.vl.json"}`: a Vega-Lite chart whose data comes
 * from named model datasets. The spec is read and checked here, once (it exists, it is JSON,
 * its datasets exist); the parsed spec waits in `file.data.chartSlots` until rehype-charts.ts
 * renders it, after the caption's own directives are resolved.
 */
import { h } from 'hastscript'
import { referencedDatasetNames } from '../../charts/cache.ts'
import { isChartError } from '../../charts/errors.ts'
import { parseSpecJson } from '../../charts/spec.ts'
import { messages } from '../../diagnostics/messages.ts'
import { suggest } from '../../diagnostics/suggest.ts'
import { lowerTo } from './lower.ts'
import type { DirectiveEnv, DirectiveSpec } from './spec.ts'

/** The spec file's place, for hints: `content/charts/x.vl.json:3:5`. */
export function specPlace(src: string, line?: number, column?: number): string {
  return [`content/${src}`, line, column].filter((p) => p !== undefined).join(':')
}

function reportSpecError(env: DirectiveEnv, src: string, error: unknown): void {
  if (!isChartError(error)) throw error
  const place = specPlace(src, error.specLine, error.specColumn)
  env.error(
    { reason: error.reason, hint: `${place}${error.hint ? `: ${error.hint}` : ''}` },
    error.ruleId,
  )
}

/** The spec's parsed JSON, or undefined after reporting why not. */
function readSpec(env: DirectiveEnv, src: string) {
  const text = env.sources.charts.get(src)
  if (text === undefined) {
    const close = suggest(src, env.sources.charts.keys())
    env.error(messages.missingChartSpec(src, close), 'chart-missing-spec')
    return undefined
  }
  try {
    return { text, spec: parseSpecJson(text, `content/${src}`) }
  } catch (error) {
    reportSpecError(env, src, error)
    return undefined
  }
}

export const chart: DirectiveSpec = {
  name: 'chart',
  type: 'leafDirective',
  label: 'caption',
  doc: 'A Vega-Lite chart rendered to static SVG, its data from named model datasets.',
  example: '::chart[Cost by stage]{src="charts/cost-by-stage.vl.json"}',
  renders: 'element',
  attributes: {
    src: { doc: 'The spec, relative to content/ (charts/<name>.vl.json).', required: true },
  },
  run(node, env) {
    const src = env.attributes.src ?? ''
    const read = readSpec(env, src)
    if (!read) return
    for (const name of referencedDatasetNames(read.spec)) {
      if (!env.session.dataset(name)) {
        const close = suggest(name, env.session.datasetNames)
        env.error(messages.unknownDataset(name, src, close), 'chart-unknown-dataset')
        return
      }
    }
    const name = src.replace(/^.*\//, '').replace(/\.vl\.json$/, '')
    const element = h('figure', { className: ['chart'], id: `chart-${name}` })
    lowerTo(node, element, { convertChildren: true })
    env.file.data.chartSlots ??= []
    env.file.data.chartSlots.push({ element, src, ...read, scenario: env.scenario })
  },
}
