/**
 * The command line: picks a command, runs it, and turns user errors into located one-line
 * messages with exit code 1. bin/article.mjs is the only place that sets the exit code. This is
 * also the one place that wires the article's own cost model into the commands.
 */
import { runArticleWorker } from '../build/workers.ts'
import { CliError } from '../diagnostics/errors.ts'
import { cliMessages } from '../diagnostics/messages.ts'
import { diagnosticOf, formatDiagnostic, toDiagnostics } from '../diagnostics/report.ts'
import { articleCostModel, type CostModel } from '../model/index.ts'
import { buildCommand } from './build.ts'
import { devCommand } from './dev.ts'
import { explainCommand } from './explain.ts'
import { figuresCommand, type Output } from './figures.ts'
import { internalErrorText, takeDebug } from './safety-options.ts'
import { figuresCheckCommand, figuresUpdateCommand } from './snapshot.ts'

export { adoptChartWorker } from '../charts/worker.ts'

/** The article workers (build/workers.ts) import this bundle and start here, with the model. */
export const articleWorkerMain = (): Promise<void> => runArticleWorker(articleCostModel)

type Command = (
  argv: readonly string[],
  output: Output,
  model: CostModel,
) => number | Promise<number>

const commands: Readonly<Record<string, Command>> = {
  build: buildCommand,
  dev: devCommand,
  figures: figuresCommand,
  explain: explainCommand,
  'figures-check': figuresCheckCommand,
  'figures-update': figuresUpdateCommand,
}

const stdout: Output = { out: (text) => void process.stdout.write(text) }

/**
 * resvg, which draws the social cards, allocates through mimalloc, and mimalloc gives freed
 * memory back to the system 10 ms later: each card then touched ~6 MB of fresh memory again,
 * ~1,500 page faults, which cost more than the drawing on these machines. Kept instead (a few MB
 * a thread), a 100-page build makes half the page faults (286,000 → 144,000). In 2 MB pages
 * (transparent huge pages, where the kernel allows them; elsewhere nothing changes), the card's
 * 3 MB canvas costs one or two faults instead of ~750: drawing a card takes ~1 ms, not ~9 ms.
 * Set here, on the main thread before resvg loads: a worker's process.env is its own copy. A
 * value the user set wins.
 */
function keepResvgMemory(): void {
  process.env.MIMALLOC_PURGE_DELAY ??= '-1'
  process.env.MIMALLOC_ALLOW_LARGE_OS_PAGES ??= '1'
}

/** Runs `article <command> [args]` and returns the exit code. */
export async function main(
  argv: readonly string[],
  output: Output = stdout,
  model: CostModel = articleCostModel,
): Promise<number> {
  keepResvgMemory()
  const { argv: args, debug } = takeDebug(argv)
  const [name = '', ...rest] = args
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined
  if (!command) {
    const { reason, hint } = cliMessages.unknownCommand(name, Object.keys(commands))
    const error = new CliError(name || 'article', reason, hint)
    process.stderr.write(`${formatDiagnostic(diagnosticOf(error))}\n`)
    return 1
  }
  try {
    return await command(rest, output, model)
  } catch (error) {
    const diagnostics = toDiagnostics(error)
    if (!diagnostics) {
      process.stderr.write(internalErrorText(error, debug))
      return 1
    }
    for (const d of diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`)
    return 1
  }
}
