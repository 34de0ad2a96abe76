/**
 * `npm run dev` on a throwaway copy of the project: an edit to src/model/inputs.ts reaches the
 * served page without a restart. The browser's reload event arrives, and the page then shows the
 * numbers of the edited model. A prose edit is on the page the reload brings (it is pushed as soon
 * as the page is written), and an error after it is shown at its line.
 */
import assert from 'node:assert/strict'
import { type ChildProcess, spawn } from 'node:child_process'
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { projectCopy } from '../helpers.ts'

const port = 18_000 + (process.pid % 1000)
let dir: string
let server: ChildProcess

before(async () => {
  dir = projectCopy('article-dev-')
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

test('a prose edit: the page with the edit is served on the reload, and an error after it', async () => {
  const page = '/economics-of-alignment/'
  const article = join(dir, 'content/economics-of-alignment.md')
  const text = readFileSync(article, 'utf8')
  const at = text.indexOf('\n\n', text.length / 2) + 2
  let reloaded = nextReload()
  await new Promise((resolve) => setTimeout(resolve, 200))
  writeFileSync(
    article,
    `${text.slice(0, at)}A sentence the dev server must show. ${text.slice(at)}`,
  )
  await reloaded
  assert.match(await get(page), /A sentence the dev server must show\./)
  // The rest of the site follows the page: the whole new site is served once it is built.
  await new Promise((resolve) => setTimeout(resolve, 1500))
  assert.match(await get(`${page}figures.json`), /"synthetic\.total"/)
  reloaded = nextReload()
  await new Promise((resolve) => setTimeout(resolve, 200))
  writeFileSync(article, `${text.slice(0, at)}Broken :val[no.such.figure]. ${text.slice(at)}`)
  await reloaded
  const shown = await get(page)
  assert.match(shown, /content\/economics-of-alignment\.md:\d+:\d+/)
  assert.doesNotMatch(shown, /A sentence the dev server must show/)
  writeFileSync(article, text)
})
