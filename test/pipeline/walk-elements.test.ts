/**
 * walkElements against unist-util-visit: on the article turned into HTML by remark-rehype, the
 * same elements in the same order with the same index and parent, and the root element included
 * when the walk starts at an element.
 */
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import type { Element, Root } from 'hast'
import remarkRehype from 'remark-rehype'
import { visit } from 'unist-util-visit'
import { VFile } from 'vfile'
import { createParser } from '../../src/pipeline/processor.ts'
import { walkElements } from '../../src/pipeline/walk-elements.ts'
import { root } from '../helpers.ts'

type Seen = [Element, number | undefined, unknown][]

const byVisit = (tree: Root | Element): Seen => {
  const out: Seen = []
  visit(tree, 'element', (node, index, parent) => void out.push([node, index, parent]))
  return out
}

const byWalk = (tree: Root | Element): Seen => {
  const out: Seen = []
  walkElements(tree, (node, index, parent) => void out.push([node, index, parent]))
  return out
}

test('visits what unist-util-visit visits, in its order', async () => {
  const article = readFileSync(join(root, 'content', 'economics-of-alignment.md'), 'utf8')
  const processor = createParser().use(remarkRehype)
  const file = new VFile({ value: article })
  const tree = (await processor.run(processor.parse(file), file)) as Root
  const all = byVisit(tree)
  assert.ok(all.length > 300, `the article has ${all.length} elements`)
  assert.deepEqual(byWalk(tree), all)
  const table = all.find(([node]) => node.tagName === 'table')?.[0] as Element
  assert.deepEqual(byWalk(table), byVisit(table))
  assert.equal(byWalk(table)[0]?.[0], table, 'the element the walk starts at comes first')
})
