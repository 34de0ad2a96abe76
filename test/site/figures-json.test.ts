/**
 * `<slug>/figures.json` is written partly by hand (each scenario's block is made once a session
 * and spliced in): its text must stay what JSON.stringify(…, null, 2) gives for the whole object.
 */
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { build } from '../../src/build.ts'
import { articleCostModel } from '../../src/model/index.ts'
import { buildOne, formatAll, frontmatter, memoryEffects, root, siteYaml } from '../helpers.ts'

/** The figures.json of a one-page fixture. */
async function figuresOf(markdown: string): Promise<string> {
  const { result, diagnostics } = await buildOne(markdown)
  assert.ok(result, formatAll(diagnostics))
  const text = result.files.get('input/figures.json')
  assert.equal(typeof text, 'string')
  return text as string
}

/** The same data as JSON.stringify writes it with two-space indentation. */
const canonical = (text: string) => `${JSON.stringify(JSON.parse(text), null, 2)}\n`

describe('figures.json', () => {
  test('is the whole object as JSON.stringify indents it, over several scenarios', async () => {
    const text = await figuresOf(
      `${frontmatter}The total is :val[synthetic.total] and the ratio :val[ratio.conservative].\n\n:::scenario{name="spot"}\nOn spot: :val[sft.cost].\n:::\n`,
    )
    assert.equal(text, canonical(text))
    const json = JSON.parse(text)
    assert.deepEqual(Object.keys(json.scenarios), ['published', 'spot'])
    assert.ok(json.scenarios.published.figures['synthetic.total'])
    assert.ok(json.scenarios.spot.figures['sft.cost'])
    assert.ok(!json.scenarios.spot.figures['ratio.conservative'], 'only what spot shows')
  })

  test('a page that shows no number has empty scenarios', async () => {
    const text = await figuresOf(`${frontmatter}Words only.\n`)
    assert.equal(text, canonical(text))
    assert.match(text, /\n {2}"shown": \[\],\n {2}"scenarios": \{\}\n\}\n$/)
  })

  test('pages of one build that show different figures each list their own', async () => {
    // One build, one model session: the blocks made for the first page are kept for the second.
    const result = await build(
      articleCostModel,
      { root },
      memoryEffects({
        'content/a.md': `${frontmatter}:val[sft.cost]\n`,
        'content/b.md': `${frontmatter}:val[dpo.cost]\n`,
        'content/site.yaml': siteYaml,
      }),
    )
    const one = JSON.parse(result.files.get('a/figures.json') as string)
    const two = JSON.parse(result.files.get('b/figures.json') as string)
    assert.ok(one.scenarios.published.figures['sft.cost'])
    assert.ok(!one.scenarios.published.figures['dpo.cost'])
    assert.ok(two.scenarios.published.figures['dpo.cost'])
    assert.ok(!two.scenarios.published.figures['sft.cost'])
  })

  test('many pages that each show other figures each list their own', async () => {
    // More pages than the blocks kept (16): a block made again after it was dropped is right.
    const ids = articleCostModel.inputs.slice(0, 20).map((input) => input.id)
    const content = Object.fromEntries(
      ids.map((id, i) => [`content/p${i}.md`, `${frontmatter}:val[${id}]\n`]),
    )
    const result = await build(
      articleCostModel,
      { root },
      memoryEffects({ ...content, 'content/site.yaml': siteYaml }),
    )
    ids.forEach((id, i) => {
      const text = result.files.get(`p${i}/figures.json`) as string
      assert.equal(text, canonical(text))
      assert.deepEqual(Object.keys(JSON.parse(text).scenarios.published.figures), [id])
    })
  })
})
