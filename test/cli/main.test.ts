/**
 * What the command line sets up before any command runs: resvg's allocator keeps the memory it
 * frees (see keepResvgMemory in src/cli/main.ts), unless the user chose otherwise.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { main } from '../../src/cli/main.ts'

const quiet = { out: () => undefined }

test('MIMALLOC_PURGE_DELAY is set for resvg unless the user set it', async () => {
  const before = process.env.MIMALLOC_PURGE_DELAY
  try {
    delete process.env.MIMALLOC_PURGE_DELAY
    assert.equal(await main(['explain', 'llama2.humanPairs'], quiet), 0)
    assert.equal(process.env.MIMALLOC_PURGE_DELAY, '-1')
    process.env.MIMALLOC_PURGE_DELAY = '25'
    assert.equal(await main(['explain', 'llama2.humanPairs'], quiet), 0)
    assert.equal(process.env.MIMALLOC_PURGE_DELAY, '25')
  } finally {
    if (before === undefined) delete process.env.MIMALLOC_PURGE_DELAY
    else process.env.MIMALLOC_PURGE_DELAY = before
  }
})
