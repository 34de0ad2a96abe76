/**
 * site/git-head.ts reads the commit HEAD points at as `git rev-parse HEAD` gives it, in every
 * layout git leaves: a loose branch, packed refs, a detached HEAD, a worktree, a project in a
 * folder of the repository; and nothing where there is no repository.
 */
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, test } from 'node:test'
import { headCommit } from '../../src/site/git-head.ts'

const dir = mkdtempSync(join(tmpdir(), 'git-head-'))
after(() => rmSync(dir, { recursive: true, force: true }))

const git = (cwd: string, ...args: string[]): string =>
  execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'Test',
      GIT_AUTHOR_EMAIL: 'test@example.org',
      GIT_COMMITTER_NAME: 'Test',
      GIT_COMMITTER_EMAIL: 'test@example.org',
    },
  }).trim()

const commit = (repo: string, name: string) => {
  writeFileSync(join(repo, name), name)
  git(repo, 'add', name)
  git(repo, 'commit', '-q', '-m', name)
}

test('HEAD is read as git rev-parse reads it, in every layout', async () => {
  const repo = join(dir, 'repo')
  mkdirSync(join(repo, 'project', 'content'), { recursive: true })
  git(repo, 'init', '-q', '-b', 'main')
  commit(repo, 'one')
  const agree = async (where: string, label: string) =>
    assert.equal(await headCommit(where), git(where, 'rev-parse', 'HEAD'), label)
  await agree(repo, 'a loose branch')
  await agree(join(repo, 'project', 'content'), 'a folder inside the repository')
  git(repo, 'pack-refs', '--all')
  await agree(repo, 'packed refs')
  commit(repo, 'two')
  await agree(repo, 'a loose ref newer than the packed one')
  git(repo, 'checkout', '-q', '--detach', 'HEAD~1')
  await agree(repo, 'a detached HEAD')
  git(repo, 'checkout', '-q', 'main')
  const worktree = join(dir, 'worktree')
  git(repo, 'worktree', 'add', '-q', '-b', 'side', worktree)
  commit(worktree, 'three')
  await agree(worktree, 'a worktree on its own branch')
  await agree(repo, 'the main worktree beside it')
  git(repo, 'pack-refs', '--all')
  await agree(worktree, 'a worktree with packed refs')
})

test('no repository, or a layout it does not read, gives undefined', async () => {
  const plain = join(dir, 'plain')
  mkdirSync(plain)
  // tmpdir() is in no repository on these machines; a folder above one would be found instead.
  assert.equal(await headCommit(plain), undefined)
  const odd = join(dir, 'odd')
  mkdirSync(join(odd, '.git'), { recursive: true })
  writeFileSync(join(odd, '.git', 'HEAD'), 'ref: refs/heads/missing\n')
  assert.equal(await headCommit(odd), undefined)
  process.env.GIT_DIR = join(odd, '.git')
  try {
    assert.equal(await headCommit(odd), undefined)
  } finally {
    delete process.env.GIT_DIR
  }
})
