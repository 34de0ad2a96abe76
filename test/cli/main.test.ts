/**
 * What the command line sets up before any command runs: resvg's allocator keeps the memory it
 * frees and takes it in huge pages (see keepResvgMemory in src/cli/main.ts), unless the user
 * chose otherwise.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { main } from '../../src/cli/main.ts'

const quiet = { out: () => undefined }

for (const [name, value] of [
  ['MIMALLOC_PURGE_DELAY', '-1'],
  ['MIMALLOC_ALLOW_LARGE_OS_PAGES', '1'],
] as const)
  test(`${name} is set for resvg unless the user set it`, async () => {
    const before = process.env[name]
    try {
      delete process.env[name]
      assert.equal(await main(['explain', 'llama2.humanPairs'], quiet), 0)
      assert.equal(process.env[name], value)
      process.env[name] = '0'
      assert.equal(await main(['explain', 'llama2.humanPairs'], quiet), 0)
      assert.equal(process.env[name], '0')
    } finally {
      if (before === undefined) delete process.env[name]
      else process.env[name] = before
    }
  })
