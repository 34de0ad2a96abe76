/**
 * `npm run dev` on a throwaway copy of the project: an edit to src/model/inputs.ts reaches the
 * served page without a restart. The browser's reload event arrives, and the page then shows the
 * numbers of the edited model.
 */
import assert from 'node:assert/strict'
import { type ChildProcess, spawn } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { root } from '../helpers.ts'

const port = 18_000 + (process.pid % 1000)
let dir: string
let server: ChildProcess

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'article-dev-'))
  for (const entry of ['bin', 'scripts', 'lib', 'src', 'content', 'templates', 'package.json'])
    cpSync(join(root, entry), join(dir, entry), { recursive: true })
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'))
  server = spawn(process.execPath, ['bin/article.mjs', 'dev', '--port', String(port)], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('dev server did not start')), 30_000)
    server.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('Serving')) {
        clearTimeout(timer)
        resolve()
      }
    })
  })
})

after(() => {
  server?.kill()
  rmSync(dir, { recursive: true, force: true })
})

const get = (path: string): Promise<string> =>
  new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path }, (response) => {
      let body = ''
      response.on('data', (chunk) => {
        body += chunk
      })
      response.on('end', () => resolve(body))
    })
      .on('error', reject)
      .end()
  })

/** Resolves on the next reload event the server pushes. */
const nextReload = (): Promise<void> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no reload event within 20 s')), 20_000)
    const req = request({ host: '127.0.0.1', port, path: '/__reload' }, (response) => {
      response.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('data: reload')) {
          clearTimeout(timer)
          req.destroy()
          resolve()
        }
      })
    })
    req.on('error', () => undefined)
    req.end()
  })

test('an edit to src/model/inputs.ts reloads the page with the new numbers', async () => {
  const page = '/economics-of-alignment/'
  assert.match(await get(page), /data-figure="synthetic\.total"[^>]*>\$279\.74</)
  const inputs = join(dir, 'src/model/inputs.ts')
  const reloaded = nextReload()
  // Give the event stream a moment to connect before the edit.
  await new Promise((resolve) => setTimeout(resolve, 200))
  writeFileSync(inputs, readFileSync(inputs, 'utf8').replace(/\b2\.5\b/, '1.25'))
  await reloaded
  assert.match(await get(page), /data-figure="synthetic\.total"[^>]*>\$139\.87</)
})
