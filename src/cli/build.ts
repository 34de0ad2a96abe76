/**
 * `npm run build [-- --scenario NAME] [--set ID=VALUE …] [--out DIR]`: builds the site and
 * swaps it into place; on any error the previous output stays untouched.
 */
import { resolve } from 'node:path'
import { build } from '../build.ts'
import { formatDiagnostic } from '../diagnostics/report.ts'
import type { CostModel } from '../model/index.ts'
import { fsEffects } from '../site/effects.ts'
import { writeSite } from '../site/write.ts'
import { parse, samplingFromFlags, scenarioOptions, withFlagErrors } from './args.ts'
import type { Output } from './figures.ts'

/** Project root: the folder npm runs scripts in. */
export const projectRoot = (): string => process.cwd()

/** Runs the build command. */
export async function buildCommand(
  argv: readonly string[],
  output: Output,
  model: CostModel,
): Promise<number> {
  const { values } = parse('build', argv, { ...scenarioOptions, out: { type: 'string' } })
  const root = projectRoot()
  const started = performance.now()
  const result = await withFlagErrors(() =>
    build(
      model,
      { root, scenario: values.scenario, settings: values.set ?? [], ...samplingFromFlags(values) },
      fsEffects(root),
    ),
  )
  const outDir = resolve(root, values.out ?? 'dist')
  await writeSite(outDir, result.files)
  for (const warning of result.warnings) process.stderr.write(`${formatDiagnostic(warning)}\n`)
  const failing = result.claims.filter((c) => !c.holds)
  output.out(
    `Claims: ${result.claims.length - failing.length} of ${result.claims.length} hold${failing.length ? `; ${failing.length} do not (see warnings above and claims.json)` : ''}\n`,
  )
  output.out(
    `Built ${result.files.size} files into ${outDir} in ${Math.round(performance.now() - started)} ms\n`,
  )
  return 0
}
