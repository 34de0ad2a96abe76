/**
 * The author chooses the panel's inputs with `::whatif{inputs="…"}`: the page table offers those,
 * in that order, and the directive itself leaves nothing on the page. Without it, the default.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { defaultPanelInputs } from '../../src/whatif/inputs.ts'
import type { PageTable } from '../../src/whatif/types.ts'
import { buildOne } from '../helpers.ts'

const page = (body: string) => `---
title: "Fixture"
date: 2025-11-13
---

The synthetic pipeline costs :val[synthetic.total].
${body}
`

async function tableOf(markdown: string): Promise<{ table: PageTable; html: string }> {
  const { result, diagnostics } = await buildOne(markdown)
  assert.deepEqual(
    diagnostics.filter((d) => d.severity === 'error'),
    [],
  )
  const json = result?.files.get('input/whatif.json')
  assert.ok(json, 'whatif.json is built')
  return { table: JSON.parse(json) as PageTable, html: result?.files.get('input/index.html') ?? '' }
}

test('::whatif chooses the inputs and their order', async () => {
  const { table, html } = await tableOf(
    page('\n::whatif{inputs="human.price.realistic price.gpuHour sft.epochs"}'),
  )
  assert.deepEqual(
    table.inputs.map((i) => i.id),
    ['human.price.realistic', 'price.gpuHour', 'sft.epochs'],
  )
  assert.doesNotMatch(html, /::whatif|inputs=/)
})

test('without ::whatif the panel offers the default inputs', async () => {
  const { table } = await tableOf(page(''))
  assert.deepEqual(
    table.inputs.map((i) => i.id),
    defaultPanelInputs,
  )
})
