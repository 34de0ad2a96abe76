/**
 * Every chart diagnostic in one catalog, so wording stays consistent and tests compare with the
 * catalog instead of copying strings. Each entry returns the ChartError details without position.
 */
import type { RuleSubset } from './rules.ts'

/** Kebab-case rule ids of chart problems. */
export type ChartRuleId = RuleSubset<
  | 'chart-unknown-dataset'
  | 'chart-unknown-field'
  | 'chart-compile'
  | 'chart-warning'
  | 'chart-invalid-json'
  | 'chart-inline-data'
  | 'chart-too-large'
>

/** A catalog entry's output: everything but the position, which the caller adds. */
export interface ChartMessage {
  ruleId: ChartRuleId
  reason: string
  hint?: string
}

const list = (names: readonly string[]): string =>
  names.length === 0 ? '(none)' : names.map((name) => `\`${name}\``).join(', ')

const didYouMean = (suggestion: string | undefined): string =>
  suggestion === undefined ? '' : `did you mean \`${suggestion}\`? `

/** The message catalog; see each entry for when it is used. */
export const chartMessages = {
  /** JSON.parse failed; `detail` is the engine's message without its position part. */
  invalidJson: (detail: string): ChartMessage => ({
    ruleId: 'chart-invalid-json',
    reason: `Unexpected JSON syntax in chart spec: ${detail}`,
    hint: 'check for a trailing comma, a missing comma or an unquoted key near this position',
  }),

  /** The JSON parsed but is not a Vega-Lite view (no mark, layer, concat, facet or repeat). */
  notVegaLite: (found: string): ChartMessage => ({
    ruleId: 'chart-compile',
    reason: `Unexpected ${found} as chart spec, expected a Vega-Lite object with \`mark\`, \`layer\`, \`concat\`, \`hconcat\`, \`vconcat\`, \`facet\` or \`repeat\``,
    hint: 'a chart spec is one Vega-Lite JSON object; see https://vega.github.io/vega-lite/docs/spec.html',
  }),

  /** `data.url` would read files or the network at build time, which breaks reproducibility. */
  urlData: (url: string): ChartMessage => ({
    ruleId: 'chart-unknown-dataset',
    reason: `Unexpected \`data.url\` (\`${url}\`), expected a named dataset`,
    hint: 'charts get their data from the cost model: use `"data": {"name": "<dataset>"}`',
  }),

  /** A `data.name` the build does not provide. */
  unknownDataset: (
    name: string,
    available: readonly string[],
    suggestion: string | undefined,
  ): ChartMessage => ({
    ruleId: 'chart-unknown-dataset',
    reason: `Unknown dataset \`${name}\``,
    hint: `${didYouMean(suggestion)}available datasets: ${list(available)}`,
  }),

  /** A field used in an encoding or transform that the data rows do not have. */
  unknownField: (
    field: string,
    dataset: string,
    available: readonly string[],
    suggestion: string | undefined,
  ): ChartMessage => ({
    ruleId: 'chart-unknown-field',
    reason: `Unknown field \`${field}\` in dataset \`${dataset}\``,
    hint: `${didYouMean(suggestion)}available fields: ${list(available)}`,
  }),

  /**
   * Vega-Lite or Vega threw while compiling, parsing or running the spec. Warnings logged before
   * the throw often name the real cause (`Invalid field type "nominalx"`), so they go in the hint.
   */
  compile: (detail: string, warnings: readonly string[] = []): ChartMessage => ({
    ruleId: 'chart-compile',
    reason: `Cannot compile chart: ${detail}`,
    hint:
      warnings.length > 0
        ? `preceded by: ${warnings.join('; ')}`
        : 'check the spec against https://vega.github.io/vega-lite/docs/',
  }),

  /** A `mark` type Vega-Lite does not know; its own error for this is cryptic. */
  unknownMark: (mark: string, suggestion: string | undefined): ChartMessage => ({
    ruleId: 'chart-compile',
    reason: `Unknown mark type \`${mark}\``,
    hint: `${didYouMean(suggestion)}see https://vega.github.io/vega-lite/docs/mark.html#types`,
  }),

  /** Dates in local time make the SVG depend on the build machine's time zone. */
  localTime: (what: string): ChartMessage => ({
    ruleId: 'chart-warning',
    reason: `Unexpected local time (${what}), expected UTC: the SVG would depend on the build machine's time zone`,
    hint: 'use `"scale": {"type": "utc"}` on temporal encodings and `utc…` time units (e.g. `utcyearmonth`)',
  }),

  /** Vega-Lite or Vega logged a warning; these usually mean a silently wrong chart. */
  warning: (warnings: readonly string[]): ChartMessage => ({
    ruleId: 'chart-warning',
    reason: `Chart spec produced a warning: ${warnings[0] ?? 'unknown warning'}`,
    hint:
      warnings.length > 1
        ? `${warnings.length - 1} more: ${warnings.slice(1).join('; ')}`
        : 'warnings fail the build because they usually mean a silently wrong chart',
  }),
} as const
