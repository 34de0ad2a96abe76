/**
 * `npm run dev` picks up edits to the model without a restart: src/model/ is bundled again by
 * esbuild in memory (tens of milliseconds) and imported as a new module, so the next build runs
 * the edited inputs, formulas and scenarios. Compile errors come back as located diagnostics.
 */
import { cliMessages } from '../diagnostics/messages.ts'
import { BuildFailure, type Diagnostic } from '../diagnostics/report.ts'
import type { CostModel } from '../model/index.ts'

/** The model module's entry, relative to the project root. */
export const MODEL_ENTRY = 'src/model/index.ts'

interface EsbuildMessage {
  text: string
  location: { file: string; line: number; column: number } | null
}

/** Bundles and imports the project's model afresh; throws BuildFailure on a compile error. */
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
      format: 'esm',
      platform: 'node',
      target: 'node20',
      logLevel: 'silent',
    })
    code = result.outputFiles[0]?.text ?? ''
  } catch (error) {
    const errors = (error as { errors?: EsbuildMessage[] }).errors ?? []
    throw new BuildFailure(errors.map(toDiagnostic))
  }
  const module = (await import(
    `data:text/javascript;base64,${Buffer.from(code).toString('base64')}`
  )) as { articleCostModel?: CostModel }
  if (!module.articleCostModel) {
    throw new BuildFailure([
      {
        place: MODEL_ENTRY,
        ...cliMessages.modelExport(),
        ruleId: 'model-compile',
        severity: 'error',
      },
    ])
  }
  return module.articleCostModel
}

function toDiagnostic(message: EsbuildMessage): Diagnostic {
  const at = message.location
  return {
    place: at ? `${at.file}:${at.line}:${at.column + 1}` : MODEL_ENTRY,
    ...cliMessages.modelCompile(message.text),
    ruleId: 'model-compile',
    severity: 'error',
  }
}
