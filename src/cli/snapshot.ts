/**
 * `npm run figures:check` and `npm run figures:update`: recompute every figure and claim and
 * compare with (or rewrite) content/figures.snapshot.json. The check prints a table of what
 * moved and exits 1; in GitHub Actions the same table goes to the job summary.
 */
import { appendFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { build } from '../build.ts'
import type { CostModel } from '../model/index.ts'
import { readSourceText } from '../read/decode.ts'
import { fsEffects } from '../site/effects.ts'
import { changesMarkdown, changesTable, diffSnapshots } from '../snapshot/diff.ts'
import {
  computeSnapshot,
  parseSnapshot,
  type Snapshot,
  serializeSnapshot,
} from '../snapshot/snapshot.ts'
import { parse } from './args.ts'
import { projectRoot } from './build.ts'
import type { Output } from './figures.ts'

/** Where the committed snapshot lives, relative to the project root. */
export const SNAPSHOT_PATH = 'content/figures.snapshot.json'

async function currentSnapshot(root: string, model: CostModel): Promise<Snapshot> {
  const { claims, session } = await build(model, { root }, fsEffects(root))
  return computeSnapshot(session, claims)
}

/** Runs `figures:check`. */
export async function figuresCheckCommand(
  argv: readonly string[],
  output: Output,
  model: CostModel,
): Promise<number> {
  parse('figures:check', argv, {})
  const root = projectRoot()
  const current = await currentSnapshot(root, model)
  let committed: Snapshot
  try {
    committed = parseSnapshot(await readSourceText(root, SNAPSHOT_PATH))
  } catch (error) {
    output.out(
      `${SNAPSHOT_PATH}: cannot read the snapshot (${error instanceof Error ? error.message : String(error)}); run \`npm run figures:update\`\n`,
    )
    return 1
  }
  const changes = diffSnapshots(committed, current)
  if (changes.length === 0) {
    output.out(`figures:check: ${current.size} figures and claims match ${SNAPSHOT_PATH}\n`)
    return 0
  }
  const counts = ['changed', 'added', 'removed']
    .map((kind) => `${changes.filter((c) => c.kind === kind).length} ${kind}`)
    .join(', ')
  output.out(
    `figures:check: ${changes.length} entries differ from ${SNAPSHOT_PATH} (${counts})\n\n${changesTable(changes)}\n\nIf the change is intended: npm run figures:update, then commit the snapshot.\n`,
  )
  const summary = process.env.GITHUB_STEP_SUMMARY
  if (summary)
    await appendFile(
      summary,
      `### Figures changed (${counts})\n\n${changesMarkdown(changes)}\n\nAccept with \`npm run figures:update\` and commit.\n`,
    )
  return 1
}

/** Runs `figures:update`. */
export async function figuresUpdateCommand(
  argv: readonly string[],
  output: Output,
  model: CostModel,
): Promise<number> {
  parse('figures:update', argv, {})
  const root = projectRoot()
  const current = await currentSnapshot(root, model)
  await writeFile(join(root, SNAPSHOT_PATH), serializeSnapshot(current))
  output.out(`figures:update: wrote ${current.size} entries to ${SNAPSHOT_PATH}\n`)
  return 0
}
