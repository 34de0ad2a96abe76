/**
 * Helpers for the tests that look at the built site as a reader does: build it once into a
 * temporary folder, and serve that folder under a subpath on localhost, the way GitHub Pages
 * serves a project site (`https://<owner>.github.io/<repo>/…`). Anything outside the subpath
 * is a 404, so a root-relative link (`/assets/style.css`) fails here as it would on Pages.
 */
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { extname, join, normalize, relative, sep } from 'node:path'
import { promisify } from 'node:util'

/** The subpath the site is served under. */
export const SUBPATH = '/economics-of-alignment-site/'

/** The project root (tests run from it). */
export const repoRoot = process.cwd()

/** Chromium's flags for every browser test: headless, no sandbox (root in CI), nothing fetched. */
export const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** `CHROMIUM_PATH` if set (and then only it), else Debian's or Ubuntu's usual paths. */
export function findChromium(): string | undefined {
  const set = process.env.CHROMIUM_PATH
  if (set) return existsSync(set) ? set : undefined
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path))
}

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
}

/** The content type of a file, by extension (`application/octet-stream` if unknown). */
export const contentType = (path: string): string =>
  contentTypes[extname(path).toLowerCase()] ?? 'application/octet-stream'

/** A running server. */
export interface Served {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string
  /** The site's root URL: origin + subpath, ending in `/`. */
  readonly url: string
  /** Every request the server answered: path and status, in order. */
  readonly log: { path: string; status: number }[]
  close(): Promise<void>
}

/**
 * Serves `dir` at `http://127.0.0.1:<free port><subpath>`. A folder serves its `index.html`; a
 * folder without its trailing slash redirects to it (301), as GitHub Pages does.
 */
export async function serve(
  dir: string,
  subpath: string = SUBPATH,
  /** Headers added to every response (a Content-Security-Policy). */
  extraHeaders: Readonly<Record<string, string>> = {},
): Promise<Served> {
  const log: { path: string; status: number }[] = []
  const server = createServer((request, response) => {
    const send = (status: number, headers: Record<string, string>, body?: Buffer | string) => {
      log.push({ path: request.url ?? '', status })
      response.writeHead(status, { ...extraHeaders, ...headers })
      response.end(request.method === 'HEAD' ? undefined : body)
    }
    const notFound = () => send(404, { 'content-type': 'text/plain; charset=utf-8' }, 'Not found\n')
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      send(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }, '')
      return
    }
    void (async () => {
      let pathname: string
      try {
        pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)
      } catch {
        return send(400, { 'content-type': 'text/plain; charset=utf-8' }, 'Bad request\n')
      }
      if (`${pathname}/` === subpath) return send(301, { location: subpath })
      if (!pathname.startsWith(subpath) || pathname.includes('\0')) return notFound()
      const rest = pathname.slice(subpath.length)
      const file = normalize(join(dir, rest))
      const inside = relative(dir, file)
      if (inside.startsWith('..') || inside.startsWith(sep)) return notFound()
      try {
        const info = await stat(file)
        if (info.isDirectory()) {
          if (!pathname.endsWith('/')) return send(301, { location: `${pathname}/` })
          const index = join(file, 'index.html')
          return send(200, { 'content-type': contentType(index) }, await readFile(index))
        }
        return send(200, { 'content-type': contentType(file) }, await readFile(file))
      } catch {
        return notFound()
      }
    })()
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', resolve)
  })
  const { port } = server.address() as AddressInfo
  const origin = `http://127.0.0.1:${port}`
  return {
    origin,
    url: `${origin}${subpath}`,
    log,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

const run = promisify(execFile)

/** A build of the real project in a temporary folder. */
export interface BuiltSite {
  readonly dir: string
  remove(): Promise<void>
}

/**
 * Builds the project (`node bin/article.mjs build --out <tmp>`) into a fresh temporary folder.
 * Throws with the build's output if it fails.
 */
export async function buildSite(): Promise<BuiltSite> {
  const parent = await mkdtemp(join(tmpdir(), 'article-site-'))
  const dir = join(parent, 'site')
  try {
    await run(process.execPath, ['bin/article.mjs', 'build', '--out', dir], {
      cwd: repoRoot,
      maxBuffer: 16 * 1024 * 1024,
    })
  } catch (error) {
    await rm(parent, { recursive: true, force: true })
    const e = error as { stdout?: string; stderr?: string; message: string }
    throw new Error(`The build failed:\n${e.stderr ?? ''}${e.stdout ?? ''}${e.message}`)
  }
  return { dir, remove: () => rm(parent, { recursive: true, force: true }) }
}

/** Every file under `dir`, as `/`-separated paths relative to it, sorted. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort()
}
