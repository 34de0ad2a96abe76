/**
 * `npm run dev` picks up edits to the model without a restart: src/model/ is bundled again by
 * esbuild in memory (tens of milliseconds) and run as a new module, so the next build runs
 * the edited inputs, formulas and scenarios. Compile errors come back as located diagnostics.
 */
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { runInThisContext } from 'node:vm'
import { cliMessages } from '../diagnostics/messages.ts'
import { BuildFailure, type Diagnostic } from '../diagnostics/report.ts'
import type { CostModel } from '../model/index.ts'

/** The model module's entry, relative to the project root. */
export const MODEL_ENTRY = 'src/model/index.ts'

interface EsbuildMessage {
  text: string
  location: { file: string; line: number; column: number } | null
}

/** Bundles and runs the project's model afresh; throws BuildFailure on a compile error. */
export async function loadFreshModel(root: string): Promise<CostModel> {
  const esbuild = await import('esbuild')
  let code: string
  try {
    const result = await esbuild.build({
      entryPoints: [MODEL_ENTRY],
      // Paths in messages relative to the project, as every other diagnostic's.
      absWorkingDir: root,
      bundle: true,
      write: false,
      // Run as a CommonJS function: the compiled command line is a script (bin/bundle.mjs), in
      // which Node 20 has no dynamic import() to load an ES module with.
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      logLevel: 'silent',
    })
    code = result.outputFiles[0]?.text ?? ''
  } catch (error) {
    const errors = (error as { errors?: EsbuildMessage[] }).errors ?? []
    throw new BuildFailure(errors.map(toDiagnostic))
  }
  const known = lastLoaded.get(root)
  if (known?.code === code) return known.model
  const module = { exports: {} as { articleCostModel?: CostModel } }
  const entry = join(root, MODEL_ENTRY)
  const run = runInThisContext(`(function (exports, require, module) {${code}\n})`, {
    filename: entry,
  }) as (exports: object, require: NodeJS.Require, module: object) => void
  run(module.exports, createRequire(entry), module)
  if (!module.exports.articleCostModel) {
    throw new BuildFailure([
      {
        place: MODEL_ENTRY,
        ...cliMessages.modelExport(),
        ruleId: 'model-compile',
        severity: 'error',
      },
    ])
  }
  lastLoaded.set(root, { code, model: module.exports.articleCostModel })
  return module.exports.articleCostModel
}

/**
 * The model last loaded for each project, by its bundled code. An edit that leaves the code the
 * same (a comment, a blank line) keeps the model object, and with it the model's session: its
 * Monte Carlo draws and claim chances are not made again.
 */
const lastLoaded = new Map<string, { code: string; model: CostModel }>()

function toDiagnostic(message: EsbuildMessage): Diagnostic {
  const at = message.location
  return {
    place: at ? `${at.file}:${at.line}:${at.column + 1}` : MODEL_ENTRY,
    ...cliMessages.modelCompile(message.text),
    ruleId: 'model-compile',
    severity: 'error',
  }
}
