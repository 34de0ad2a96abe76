/**
 * `npm run build [-- --scenario NAME] [--set ID=VALUE …] [--out DIR]`: builds the site and
 * swaps it into place; on any error the previous output stays untouched.
 */
import { availableParallelism } from 'node:os'
import { type BuildResult, build } from '../build.ts'
import { formatDiagnostic } from '../diagnostics/report.ts'
import type { CostModel } from '../model/index.ts'
import { fsEffects } from '../site/effects.ts'
import { stageOutput } from '../site/output-folder.ts'
import { parse, samplingFromFlags, scenarioOptions, withFlagErrors } from './args.ts'
import type { Output } from './figures.ts'
import { enforceStrict, safetyOptions } from './safety-options.ts'

/** Project root: the folder npm runs scripts in. */
export const projectRoot = (): string => process.cwd()

/** Runs the build command. */
export async function buildCommand(
  argv: readonly string[],
  output: Output,
  model: CostModel,
): Promise<number> {
  const { values } = parse('build', argv, {
    ...scenarioOptions,
    out: { type: 'string' },
    ...safetyOptions,
  })
  const root = projectRoot()
  const started = performance.now()
  // Files are written as the build finishes them, beside the output folder; they replace it
  // only once the whole build succeeded.
  const site = await stageOutput(root, values.out ?? 'dist', { force: values.force })
  let result: BuildResult
  let outDir: string
  try {
    result = await withFlagErrors(() =>
      build(
        model,
        {
          root,
          scenario: values.scenario,
          settings: values.set ?? [],
          ...samplingFromFlags(values),
          // Articles are built on every core (a large site; build/workers.ts); ARTICLE_WORKERS
          // sets the number of extra threads, 0 for none, to compare.
          workers: Number(process.env.ARTICLE_WORKERS ?? availableParallelism() - 1),
        },
        fsEffects(root),
        site,
      ),
    )
    enforceStrict(result.warnings, values.strict)
    outDir = await site.commit()
  } catch (error) {
    await site.discard()
    throw error
  }
  for (const warning of result.warnings) process.stderr.write(`${formatDiagnostic(warning)}\n`)
  const failing = result.claims.filter((c) => !c.holds)
  const flagged = failing.filter((c) => c.flagged).length
  output.out(
    `Claims: ${result.claims.length - failing.length} of ${result.claims.length} hold${failing.length ? `; ${failing.length} do not, each marked "does not hold" at its sentence on the page (${flagged} kept with {flag}; see claims.json)` : '; none flagged on the page'}\n`,
  )
  output.out(
    `Built ${result.written} files into ${outDir} in ${Math.round(performance.now() - started)} ms${result.threads > 1 ? ` (articles on ${result.threads} threads)` : ''}\n`,
  )
  return 0
}
