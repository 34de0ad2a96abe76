/**
 * The built site in a real browser (Debian's Chromium, driven by playwright-core), served under
 * a subpath as GitHub Pages serves it: pages load cleanly, every computed number opens its
 * provenance popover by click and by keyboard without moving the text, axe-core finds no
 * accessibility violations in light and dark mode (at phone and desktop widths), and, with
 * `SCREENSHOTS=1`, screenshots land in test-results/screenshots/ for a human to look at.
 *
 * Without Chromium the tests are skipped, loudly; with `CI` set they fail instead.
 */
import assert from 'node:assert/strict'
import { mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import type { AxeResults } from 'axe-core'
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'
import {
  type BuiltSite,
  buildSite,
  findChromium,
  LAUNCH_ARGS,
  listFiles,
  repoRoot,
  type Served,
  serve,
} from './serve.ts'

const screenshots = join(repoRoot, 'test-results', 'screenshots')
const axePath = join(repoRoot, 'node_modules', 'axe-core', 'axe.min.js')

const widths = [1280, 390] as const
const schemes = ['light', 'dark'] as const
/** The axe passes: each colour scheme once, at a different layout. */
const AXE_PASSES = [
  ['light', 1280],
  ['dark', 390],
] as const
/** Viewport heights: a laptop and a phone. */
const heightOf = (width: number): number => (width < 600 ? 844 : 800)

/** Figures whose popovers are opened and photographed; `table` means "the first in a table". */
const PHOTOGRAPHED = ['sft.cost', 'ratio.realistic', 'table'] as const

const executablePath = findChromium()

if (!executablePath) {
  test('browser tests (need Chromium)', (t) => {
    const reason = `Chromium not found (${
      process.env.CHROMIUM_PATH
        ? `CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist`
        : 'set CHROMIUM_PATH, or `apt-get install chromium`'
    }): the browser tests did not run`
    if (process.env.CI) assert.fail(`${reason}. CI must run them.`)
    console.warn(`\n${'!'.repeat(78)}\n!! SKIPPED: ${reason}\n${'!'.repeat(78)}\n`)
    t.skip(reason)
  })
} else {
  describe('the built site in Chromium', () => {
    let site: BuiltSite
    let served: Served
    let browser: Browser
    /** Page paths relative to the site root: the index first, then every article. */
    let pages: string[]
    let article: string

    before(async () => {
      const [built, launched] = await Promise.all([
        buildSite(),
        chromium.launch({ executablePath, args: LAUNCH_ARGS }),
      ])
      site = built
      browser = launched
      served = await serve(site.dir)
      const html = (await listFiles(site.dir)).filter((f) => f.endsWith('index.html'))
      pages = ['', ...html.filter((f) => f !== 'index.html').map((f) => f.slice(0, -10))]
      assert.ok(pages.length >= 2, `the build has articles: ${html.join(', ')}`)
      article = pages[1] ?? ''
    })

    after(async () => {
      await browser?.close()
      await served?.close()
      await site?.remove()
    })

    /** A fresh page at a size and colour scheme, recording everything that went wrong. */
    async function open(
      path: string,
      width: number = 1280,
      colorScheme: 'light' | 'dark' = 'light',
    ): Promise<{ page: Page; context: BrowserContext; problems: string[] }> {
      const context = await browser.newContext({
        viewport: { width, height: heightOf(width) },
        colorScheme,
        reducedMotion: 'reduce',
      })
      const page = await context.newPage()
      const problems: string[] = []
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(`console error: ${m.text()} (${m.location().url})`)
      })
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`))
      page.on('requestfailed', (r) =>
        problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`),
      )
      page.on('request', (r) => {
        if (!r.url().startsWith(served.url) && !r.url().startsWith('data:'))
          problems.push(`request outside the site: ${r.url()}`)
      })
      page.on('response', (r) => {
        if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`)
      })
      const response = await page.goto(served.url + path, { waitUntil: 'load' })
      assert.equal(response?.status(), 200, `${path || '(index)'} loads`)
      return { page, context, problems }
    }

    test('every page loads with no console error and no failed request', async () => {
      for (const path of pages) {
        const { page, context, problems } = await open(path)
        // Let late requests (the favicon, deferred scripts) happen.
        await page.waitForLoadState('networkidle')
        await context.close()
        assert.deepEqual(problems, [], `${path || '(index)'}:\n${problems.join('\n')}`)
      }
    })

    test('every computed number has a popover that says how it was computed', async () => {
      for (const path of pages) {
        const { page, context } = await open(path)
        const report = await page.evaluate(() => {
          const problems: string[] = []
          let buttons = 0
          let titled = 0
          const targeted = new Set<string>()
          for (const el of document.querySelectorAll<HTMLElement>('[data-figure]')) {
            const name = `[data-figure="${el.dataset.figure}"] "${el.textContent}"`
            if (el.tagName !== 'BUTTON') {
              // A number in a title (the <h1>, an index card) is also in <title>, where no
              // markup can go: it carries its derivation as a `title` tooltip instead. An
              // input's value in the inputs table has its row (label, note, source) beside it.
              if (el.closest('[id^="model-inputs"] td')) {
                const row = el.closest('tr')
                if (!row?.querySelector('th code'))
                  problems.push(`${name}: an inputs-table value without its row's provenance`)
                continue
              }
              if (!el.closest('h1, .article-card h2')) problems.push(`${name}: not a button`)
              else if (!el.title.trim()) problems.push(`${name}: no popover and no title`)
              else titled++
              continue
            }
            buttons++
            const id = el.getAttribute('popovertarget') ?? ''
            const popover = id ? document.getElementById(id) : null
            if (!popover) {
              problems.push(`${name}: popovertarget "${id}" names no element`)
              continue
            }
            targeted.add(id)
            if ((popover as HTMLElement & { popover: string }).popover !== 'auto')
              problems.push(`${name}: #${id} no popover`)
            if (!popover.closest('section.provenance-store')) problems.push(`#${id}: outside store`)
            const label = document.getElementById(popover.getAttribute('aria-labelledby') ?? '')
            if (!label || !popover.contains(label) || !label.textContent?.trim())
              problems.push(`#${id}: no accessible name from within it`)
            const described = (el.getAttribute('aria-describedby') ?? '').split(/\s+/)
            for (const d of described)
              if (!d || !popover.contains(document.getElementById(d)))
                problems.push(`${name}: aria-describedby "${d}" is not in #${id}`)
            // What the number is (its label, or "Computed"), in the element the button's
            // aria-describedby points at. (Numbers printed in other formats share the popover,
            // so it shows the value as first printed.)
            const what = popover.querySelector('.prov-what')?.textContent?.trim() ?? ''
            if (!what.includes(':')) problems.push(`#${id}: does not say what the number is`)
            const formula = popover.querySelector('.prov-formula')?.textContent?.trim()
            const source = popover.querySelector('.prov-source')?.textContent?.trim()
            if (!formula && !(source && source.length > 'Source: '.length))
              problems.push(`#${id} (${name}): neither a formula nor a source`)
          }
          for (const popover of document.querySelectorAll('.provenance-store [popover]'))
            if (!targeted.has(popover.id)) problems.push(`#${popover.id}: no number opens it`)
          return { problems, buttons, titled }
        })
        await context.close()
        assert.deepEqual(report.problems, [], report.problems.join('\n'))
        if (path === article) assert.ok(report.buttons > 100, `${report.buttons} numbers`)
      }
    })

    test('clicking a number opens its popover with the formula; Escape closes it', async () => {
      const { page, context } = await open(article)
      for (const figure of ['sft.cost', 'ratio.realistic']) {
        const button = page.locator(`.article-body button[data-figure="${figure}"]`).first()
        const id = (await button.getAttribute('popovertarget')) ?? ''
        const popover = page.locator(`[id="${id}"]`)
        await button.click()
        await waitPopover(page, id, 'open', `${figure}: #${id} opens on click`)
        const formula = await popover.locator('.prov-formula').textContent()
        assert.match(
          formula ?? '',
          new RegExp(`^${figure.replace('.', '\\.')} = \\S`),
          `${formula}`,
        )
        assert.ok(await popover.isVisible(), `#${id} is visible`)
        await page.keyboard.press('Escape')
        await waitPopover(page, id, 'closed', `${figure}: Escape closes #${id}`)
      }
      await context.close()
    })

    test('hovering opens a popover and leaving closes it; a click pins it until clicked again', async () => {
      const { page, context } = await open(article)
      const button = page.locator('.article-body button[data-figure="ratio.realistic"]').first()
      const id = (await button.getAttribute('popovertarget')) ?? ''
      await button.hover()
      await waitPopover(page, id, 'open', 'hovering opens it')
      await page.mouse.move(1, 1)
      await waitPopover(page, id, 'closed', 'leaving closes it')
      await button.click()
      await waitPopover(page, id, 'open', 'a click opens it')
      await page.mouse.move(1, 1)
      await page.waitForTimeout(600)
      assert.ok(await isOpen(page, id), 'a clicked popover stays open when the pointer leaves')
      await button.click()
      await waitPopover(page, id, 'closed', 'a second click closes it')
      await page.waitForTimeout(400)
      assert.equal(await isOpen(page, id), false, 'and it stays closed')
      await context.close()
    })

    test('a number focused with the keyboard opens its popover; Escape closes it', async () => {
      const { page, context } = await open(article)
      const focusedFigure = () =>
        page.evaluate(() => {
          const el = document.activeElement
          return el?.matches('button[data-figure][popovertarget]')
            ? (el.getAttribute('popovertarget') ?? '')
            : ''
        })
      let first = ''
      for (let i = 0; i < 100 && !first; i++) {
        await page.keyboard.press('Tab')
        first = await focusedFigure()
      }
      assert.ok(first, 'Tab reaches a computed number within 100 presses')
      await waitPopover(page, first, 'open', 'focusing a number opens its popover')
      await page.keyboard.press('Escape')
      await waitPopover(page, first, 'closed', 'Escape closes it')
      assert.equal(await focusedFigure(), first, 'focus stays on the number')
      // The next number opens its own popover, and only that one.
      let next = ''
      for (let i = 0; i < 200 && (!next || next === first); i++) {
        await page.keyboard.press('Tab')
        next = await focusedFigure()
      }
      assert.ok(next && next !== first, 'Tab reaches a second number')
      await waitPopover(page, next, 'open', 'the next number opens its popover')
      assert.equal(await isOpen(page, first), false, 'the first popover stays closed')
      await context.close()
    })

    for (const width of [...widths, 320]) {
      test(`an open popover moves no text and stays on screen at ${width}px`, async () => {
        const { page, context } = await open(article, width)
        const height = heightOf(width)
        const onScreen = async (id: string, what: string) => {
          const box = await page.locator(`[id="${id}"]`).boundingBox()
          assert.ok(box, `#${id} has a box`)
          assert.ok(
            box.x >= 0 && box.x + box.width <= width && box.y >= 0 && box.y + box.height <= height,
            `${what}: #${id} ${JSON.stringify(box)} is not inside the ${width}×${height} viewport`,
          )
        }
        const measure = () =>
          page.evaluate(() => {
            const body = document.querySelector('.article-body')?.getBoundingClientRect()
            return {
              body: body && [body.x, body.y, body.width, body.height],
              scrollHeight: document.documentElement.scrollHeight,
              scrollWidth: document.documentElement.scrollWidth,
              scrollY: window.scrollY,
            }
          })
        // In the middle of the screen, and at its bottom edge (where it must open upwards).
        for (const figure of PHOTOGRAPHED)
          for (const where of ['middle', 'bottom'] as const) {
            const what = `${figure} at the ${where}`
            const button = figureButton(page, figure)
            await button.evaluate((el, bottom) => {
              const r = el.getBoundingClientRect()
              window.scrollBy(
                0,
                bottom ? r.bottom - window.innerHeight + 8 : r.top - window.innerHeight / 2,
              )
            }, where === 'bottom')
            const before = await measure()
            await button.click()
            const id = (await button.getAttribute('popovertarget')) ?? ''
            await waitPopover(page, id, 'open', `${what}: a click opens it`)
            assert.deepEqual(await measure(), before, `${what}: opening #${id} moved the page`)
            await onScreen(id, what)
            // The long list of inputs, expanded, scrolls inside the popover.
            const details = page.locator(`[id="${id}"] details`)
            if ((await details.count()) > 0) {
              await details.locator('summary').click()
              assert.equal(await details.evaluate((d) => (d as HTMLDetailsElement).open), true)
              await onScreen(id, `${what}, inputs expanded`)
              assert.deepEqual(
                await measure(),
                before,
                `${what}: expanding the inputs moved the page`,
              )
              await details.evaluate((d) => {
                ;(d as HTMLDetailsElement).open = false
              })
            }
            await page.keyboard.press('Escape')
            await waitPopover(page, id, 'closed', `${what}: Escape closes it`)
          }
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        )
        assert.equal(overflow, 0, `the page scrolls sideways by ${overflow}px at ${width}px`)
        await context.close()
      })
    }

    test('computed numbers are unmarked at rest; the toggle marks them and is remembered', async () => {
      const { page, context } = await open(article, 1280)
      const decoration = () =>
        page
          .locator('.article-body button[data-figure]:not(.figure-plain)')
          .first()
          .evaluate((el) => getComputedStyle(el).textDecorationColor)
      assert.equal(await decoration(), 'rgba(0, 0, 0, 0)', 'no underline at rest')
      await page.locator('#show-figures').click()
      assert.notEqual(await decoration(), 'rgba(0, 0, 0, 0)', 'marked with the toggle on')
      await page.reload()
      assert.equal(await page.locator('#show-figures').getAttribute('aria-pressed'), 'true')
      assert.notEqual(await decoration(), 'rgba(0, 0, 0, 0)', 'the choice is remembered')
      await context.close()
    })

    test('at 390px nothing in a chart is wider than the screen, no text is cut, and it is legible', async () => {
      const { page, context } = await open(article, 390)
      const charts = page.locator('figure.chart')
      assert.ok((await charts.count()) > 0, 'the article has charts')
      for (const chart of await charts.all()) {
        await chart.scrollIntoViewIfNeeded()
        const report = await chart.evaluate(async (figure) => {
          const img = figure.querySelector('img')
          if (img && !img.complete) await new Promise((r) => img.addEventListener('load', r))
          const wide = [...figure.querySelectorAll('*')]
            .map((el) => [el.tagName, el.getBoundingClientRect()] as const)
            .filter(([, r]) => r.left < 0 || r.right > window.innerWidth)
            .map(([tag, r]) => `${tag} ${Math.round(r.left)}–${Math.round(r.right)}`)
          // Chart text is set at 13 px; the drawing may only shrink so far.
          const scale = img ? img.getBoundingClientRect().width / img.naturalWidth : 1
          // No text of either drawing (titles, axis labels, legends) is cut short with "…".
          const cut: string[] = []
          for (const url of new Set([img?.currentSrc ?? '', img?.src ?? ''].filter(Boolean))) {
            const svg = new DOMParser().parseFromString(
              await (await fetch(url)).text(),
              'image/svg+xml',
            )
            for (const text of svg.querySelectorAll('text, tspan'))
              if (text.textContent?.trim().endsWith('…'))
                cut.push(`${url.replace(/^.*\//, '')}: ${text.textContent}`)
          }
          return { id: figure.id, wide, scale, src: img?.currentSrc ?? '', cut }
        })
        assert.deepEqual(report.wide, [], `${report.id}: wider than the 390px screen`)
        assert.deepEqual(report.cut, [], `${report.id}: text cut short`)
        assert.match(report.src, /-narrow\.svg$/, `${report.id}: the phone drawing`)
        assert.ok(report.scale * 13 >= 12, `${report.id}: text at ${report.scale * 13}px`)
      }
      await context.close()
    })

    test('every claim that fails under the page scenario is marked at its sentence', async () => {
      const { page, context } = await open(article, 1280)
      const claims = JSON.parse(await readFile(join(site.dir, article, 'claims.json'), 'utf8')) as {
        claims?: { holds: boolean; line: number; column: number }[]
      }
      const list = Array.isArray(claims) ? claims : (claims.claims ?? [])
      for (const claim of list.filter((c) => !c.holds)) {
        const href = `#claim-${claim.line}-${claim.column}`
        assert.equal(await page.locator(`.claim-flag a[href="${href}"]`).count(), 1, href)
      }
      await context.close()
    })

    describe('accessibility (axe-core)', { concurrency: 2 }, () => {
      // One pass per colour scheme (contrast depends on it), each at one of the two layouts
      // (the stylesheet switches at 36rem and 66rem), so both schemes and both layouts are seen.
      for (const [scheme, width] of AXE_PASSES)
        test(`${scheme}, ${width}px: no axe violations on any page`, async () => {
          const failures: string[] = []
          for (const path of pages) {
            const { page, context, problems } = await open(path, width, scheme)
            const name = pageName(path)
            const violations = await runAxe(page)
            if (path === article) {
              // Closed popovers are hidden from axe: check an open one, inputs expanded.
              const button = figureButton(page, 'ratio.realistic')
              const id = (await button.getAttribute('popovertarget')) ?? ''
              await button.click()
              await waitPopover(page, id, 'open', 'ratio.realistic: a click opens it')
              const popover = await runAxe(page, `#${id}`)
              violations.push(...popover.map((v) => `open popover #${id}: ${v}`))
              await page.keyboard.press('Escape')
              // And with every number marked ("Show where numbers come from").
              await page.locator('#show-figures').click()
              assert.equal(await page.locator('#show-figures').getAttribute('aria-pressed'), 'true')
              const marked = await runAxe(page)
              violations.push(...marked.map((v) => `marks shown: ${v}`))
            }
            failures.push(...problems.map((p) => `${name}: ${p}`))
            failures.push(...violations.map((v) => `${name}: ${v}`))
            await context.close()
          }
          assert.deepEqual(failures, [], `${failures.length} problem(s):\n${failures.join('\n')}`)
        })
    })

    // Registered only when asked for: CI runs no skipped tests.
    if (process.env.SCREENSHOTS)
      describe('screenshots for a human (SCREENSHOTS=1)', { concurrency: 2 }, () => {
        for (const scheme of schemes)
          for (const width of widths)
            test(`${width}px, ${scheme}: every page, and the article's popovers`, async () => {
              await mkdir(screenshots, { recursive: true })
              for (const path of pages) {
                const { page, context, problems } = await open(path, width, scheme)
                await page.screenshot({
                  path: join(screenshots, `${pageName(path)}-${width}-${scheme}.png`),
                  fullPage: true,
                })
                if (path === article) await photographPopovers(page, `${width}-${scheme}`)
                await context.close()
                assert.deepEqual(problems, [], problems.join('\n'))
              }
            })
      })
  })
}

/** Runs axe-core (injected from node_modules) on the page, or on the element `include` selects. */
async function runAxe(page: Page, include?: string): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: axePath })
  return page.evaluate(
    async ({ include }) => {
      const axe = (
        window as unknown as {
          axe: { run: (c: unknown, o: object) => Promise<AxeResults> }
        }
      ).axe
      const results = await axe.run(include ? { include: [[include]] } : document, {
        resultTypes: ['violations'],
      })
      return results.violations.flatMap((v) =>
        v.nodes.map((node) => {
          const summary = (node.failureSummary ?? v.help).replace(/\n/g, '\n    ')
          return `${v.id} (${v.impact}): ${node.target.join(' ')}\n    ${summary}\n    ${node.html.slice(0, 200)}`
        }),
      )
    },
    { include },
  )
}

/** A page path as a file name: `index`, or `economics-of-alignment`. */
const pageName = (path: string): string =>
  path ? path.replace(/\/$/, '').replace(/\//g, '-') : 'index'

/** The button of a photographed figure: by id, or the first number inside a table. */
function figureButton(page: Page, figure: (typeof PHOTOGRAPHED)[number]) {
  return figure === 'table'
    ? page.locator('.article-body .table-wrap button[data-figure][popovertarget]').first()
    : page.locator(`.article-body button[data-figure="${figure}"]`).first()
}

/** Opens each photographed figure's popover and saves the viewport around it. */
async function photographPopovers(page: Page, suffix: string): Promise<void> {
  for (const figure of PHOTOGRAPHED) {
    const button = figureButton(page, figure)
    await button.evaluate((el) => el.scrollIntoView({ block: 'center' }))
    await button.click()
    const id = (await button.getAttribute('popovertarget')) ?? ''
    await waitPopover(page, id, 'open', `${figure}: a click opens it`)
    await page.screenshot({ path: join(screenshots, `popover-${figure}-${suffix}.png`) })
    await page.keyboard.press('Escape')
    await waitPopover(page, id, 'closed', `${figure}: Escape closes it`)
  }
  await page.evaluate(() => window.scrollTo(0, 0))
}

const isOpen = (page: Page, id: string): Promise<boolean> =>
  page.evaluate((i) => document.getElementById(i)?.matches(':popover-open') ?? false, id)

/** Waits until popover `id` is open (or closed); fails with `message` after 2 s. */
async function waitPopover(
  page: Page,
  id: string,
  state: 'open' | 'closed',
  message: string,
): Promise<void> {
  try {
    await page.waitForFunction(
      ({ i, open }) => document.getElementById(i)?.matches(':popover-open') === open,
      { i: id, open: state === 'open' },
      { timeout: 2000 },
    )
  } catch {
    assert.fail(`${message}: #${id} is not ${state} after 2 s`)
  }
}
