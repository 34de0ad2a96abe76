/**
 * `::chart[caption]{src="charts/cost-by-stage.vl.json"}`: a Vega-Lite chart whose data comes
 * from named model datasets. The spec is checked here (it exists, it is JSON, its datasets
 * exist); rehype-charts.ts renders it once the caption's own directives are resolved.
 */

import { referencedDatasetNames } from '../../charts/cache.ts'
import { isChartError } from '../../charts/errors.ts'
import { parseSpecJson } from '../../charts/spec.ts'
import { suggest } from '../../expr/suggest.ts'
import { datasetBuilders } from '../../model/datasets.ts'
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
    const text = env.sources.charts.get(src)
    if (text === undefined) {
      const close = suggest(src, env.sources.charts.keys())
      env.error(
        {
          reason: `Unexpected missing chart spec \`${src}\`, expected a file in content/charts/`,
          hint: close
            ? `did you mean \`${close}\`?`
            : 'chart specs live in content/charts/<name>.vl.json',
        },
        'chart-missing-spec',
      )
      return
    }
    let spec: Record<string, unknown>
    try {
      spec = parseSpecJson(text, `content/${src}`)
    } catch (error) {
      reportSpecError(env, src, error)
      return
    }
    for (const name of referencedDatasetNames(spec)) {
      if (!env.session.dataset(name)) {
        const close = suggest(name, Object.keys(datasetBuilders))
        env.error(
          {
            reason: `Unexpected unknown dataset \`${name}\` in \`${src}\`, expected a dataset the model provides`,
            hint: close
              ? `did you mean \`${close}\`?`
              : 'datasets are defined in src/model/datasets.ts',
          },
          'chart-unknown-dataset',
        )
        return
      }
    }
    const name = src.replace(/^.*\//, '').replace(/\.vl\.json$/, '')
    node.data = {
      ...node.data,
      hName: 'figure',
      hProperties: {
        className: ['chart'],
        id: `chart-${name}`,
        dataChartSrc: src,
        dataScenario: env.scenario,
      },
    }
  },
}
