/**
 * `npm run dev` picks up edits to the model without a restart: src/model/ is bundled again by
 * esbuild in memory (tens of milliseconds) and imported as a new module, so the next build runs
 * the edited inputs, formulas and scenarios. Compile errors come back as located diagnostics.
 */
import { join } from 'node:path'
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
      entryPoints: [join(root, MODEL_ENTRY)],
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
        reason: 'Unexpected model module without `articleCostModel`, expected it exported',
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
    reason: message.text,
    hint: 'the page keeps its last good numbers until the model compiles again',
    severity: 'error',
  }
}
