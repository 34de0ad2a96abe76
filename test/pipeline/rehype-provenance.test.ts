/**
 * Popovers are written as HTML once per processor and reused by every page that shows the same
 * number: a page built beside others that share its numbers (in another order, so with other
 * popover ids) is byte for byte the page built alone, and every button points at a popover and
 * a line that exist on its own page.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { build } from '../../src/build.ts'
import { articleCostModel } from '../../src/model/index.ts'
import { frontmatter, memoryEffects, root, siteYaml } from '../helpers.ts'

const table =
  '::scenario-table{figures="synthetic.total ratio.conservative" titles="Synthetic cost; Reduction"}\n'
const first = `${frontmatter}Cost :val[synthetic.total], pairs :val[rlaif.pairs.total], ratio :val[floor(ratio.conservative)]{fmt=ratio0 interval}.\n\n${table}`
const second = `${frontmatter}Ratio :val[floor(ratio.conservative)]{fmt=ratio0 interval}, cost :val[synthetic.total] and :val[llama2.humanPairs].\n\n${table}`

async function pages(content: Record<string, string>): Promise<ReadonlyMap<string, string>> {
  const result = await build(
    articleCostModel,
    { root },
    memoryEffects({ ...content, 'content/site.yaml': siteYaml }),
  )
  return result.files
}

test('a page shares popovers with its site and is the page built alone', async () => {
  const together = await pages({ 'content/a.md': first, 'content/b.md': second })
  const alone = await pages({ 'content/b.md': second })
  const page = together.get('b/index.html') ?? ''
  assert.ok(page.includes('class="provenance"'), 'the page has popovers')
  assert.equal(page, alone.get('b/index.html'))
  for (const html of [page, together.get('a/index.html') ?? '']) {
    const ids = new Set([...html.matchAll(/ id="?([^\s">]+)/g)].map((m) => m[1]))
    const targets = [...html.matchAll(/(?:popovertarget|aria-describedby)="?([^\s">]+)/g)]
    assert.ok(targets.length > 6, `${targets.length} references`)
    for (const [, id] of targets) assert.ok(ids.has(id), `#${id} exists`)
  }
})
