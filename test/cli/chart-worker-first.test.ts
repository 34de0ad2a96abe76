/**
 * bin/chart-worker-first.mjs: the chart worker starts before the command line loads, for a build
 * with no chart drawn yet and for `npm run dev`, and for nothing else. A worker started so must
 * never keep the process alive: a build that fails before it adopts the worker still exits.
 */
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, test } from 'node:test'
import type { Worker } from 'node:worker_threads'
// @ts-expect-error: a plain ES module of bin/, without types
import { startChartWorkerFirst } from '../../bin/chart-worker-first.mjs'
import { frontmatter, projectCopy, root } from '../helpers.ts'

const start = startChartWorkerFirst as (
  command: string,
  root: string,
  projectRoot?: string,
) => Worker | undefined

const dir = mkdtempSync(join(tmpdir(), 'chart-worker-first-'))
after(() => rmSync(dir, { recursive: true, force: true }))

test('a cold build and the dev server get a worker; a drawn cache and other commands none', async () => {
  const cold = join(dir, 'cold')
  mkdirSync(join(cold, '.cache', 'charts'), { recursive: true })
  writeFileSync(join(cold, '.cache', 'charts', 'notes.txt'), 'not a drawing')
  const drawn = join(dir, 'drawn')
  mkdirSync(join(drawn, '.cache', 'charts'), { recursive: true })
  writeFileSync(join(drawn, '.cache', 'charts', 'a.svg'), '<svg/>')
  for (const [command, project] of [
    ['build', cold],
    ['build', join(dir, 'no-cache-at-all')],
    ['dev', drawn],
  ] as const) {
    const worker = start(command, root, project)
    assert.ok(worker, `${command} in ${project}`)
    await worker.terminate()
  }
  for (const [command, project] of [
    ['build', drawn],
    ['figures', cold],
    ['explain', cold],
    ['figures-check', cold],
  ] as const)
    assert.equal(start(command, root, project), undefined, `${command} in ${project}`)
  process.env.ARTICLE_CHART_WORKER = '0'
  try {
    assert.equal(start('build', root, cold), undefined)
  } finally {
    delete process.env.ARTICLE_CHART_WORKER
  }
})

test('a cold build that fails, before or after it adopts the worker, exits at once with its error', () => {
  const project = projectCopy()
  try {
    writeFileSync(join(project, 'content', 'broken.md'), `${frontmatter}A :val[nope.nothing].\n`)
    for (const [args, error] of [
      // Refused before the build starts: the worker is never adopted.
      [['build', '--bogus'], /--bogus/],
      // Found in the article: the build adopted the worker and sent it the charts.
      [['build'], /content\/broken\.md:\d+:\d+/],
    ] as const) {
      const result = spawnSync(process.execPath, [join(root, 'bin', 'article.mjs'), ...args], {
        cwd: project,
        encoding: 'utf8',
        timeout: 30_000,
      })
      assert.equal(result.signal, null, `${args.join(' ')}: timed out, the worker kept it alive`)
      assert.equal(result.status, 1, result.stderr)
      assert.match(result.stderr, error)
    }
  } finally {
    rmSync(project, { recursive: true, force: true })
  }
})
