/**
 * Tables read at every width: in Chromium, at phone, tablet, laptop and wide-desktop widths, in
 * light and dark mode, no table wrapper of the article scrolls sideways (scrollWidth >
 * clientWidth would mean a column is cut off), and no table sticks out of the page. With
 * `SCREENSHOTS=1`, each table is photographed into test-results/screenshots/tables/.
 *
 * Without Chromium the tests are skipped, loudly; with `CI` set they fail instead.
 */
import assert from 'node:assert/strict'
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { type Browser, chromium } from 'playwright-core'
import {
  type BuiltSite,
  buildSite,
  findChromium,
  LAUNCH_ARGS,
  repoRoot,
  type Served,
  serve,
} from './serve.ts'

const WIDTHS = [390, 768, 1280, 1600] as const
const SCHEMES = ['light', 'dark'] as const
const shots = join(repoRoot, 'test-results', 'screenshots', 'tables')
const executablePath = findChromium()

if (!executablePath) {
  test('table layout tests (need Chromium)', (t) => {
    if (process.env.CI)
      assert.fail('Chromium not found: the table layout tests did not run. CI must run them.')
    t.skip('Chromium not found (set CHROMIUM_PATH)')
  })
} else {
  describe('tables at every width', () => {
    let site: BuiltSite
    let served: Served
    let browser: Browser

    before(async () => {
      site = await buildSite()
      served = await serve(site.dir)
      browser = await chromium.launch({
        executablePath,
        args: LAUNCH_ARGS,
      })
      if (process.env.SCREENSHOTS) await mkdir(shots, { recursive: true })
    })

    after(async () => {
      await browser?.close()
      await served?.close()
      await site?.remove()
    })

    for (const scheme of SCHEMES)
      for (const width of WIDTHS)
        test(`no table cell is clipped at ${width} px (${scheme})`, async () => {
          const context = await browser.newContext({
            viewport: { width, height: 900 },
            colorScheme: scheme,
          })
          try {
            const page = await context.newPage()
            await page.goto(`${served.url}economics-of-alignment/`)
            const wraps = await page.$$eval('.table-wrap', (elements) =>
              elements.map((el) => ({
                label: el.getAttribute('aria-label') ?? '',
                scrollWidth: el.scrollWidth,
                clientWidth: el.clientWidth,
                right: el.getBoundingClientRect().right,
              })),
            )
            assert.ok(wraps.length >= 4, `only ${wraps.length} tables found`)
            const clipped = wraps.filter((w) => w.scrollWidth > w.clientWidth)
            assert.deepEqual(clipped, [], 'a table scrolls sideways, so a column is cut off')
            for (const w of wraps) assert.ok(w.right <= width, `${w.label} sticks out of the page`)
            if (process.env.SCREENSHOTS) {
              for (const [i, handle] of (await page.$$('.table-wrap')).entries()) {
                const top = await handle.evaluate((el) => el.getBoundingClientRect().top + scrollY)
                await page.evaluate((y) => scrollTo(0, y - 60), top)
                await page.screenshot({ path: join(shots, `table-${i}-${width}-${scheme}.png`) })
              }
            }
          } finally {
            await context.close()
          }
        })
  })
}
