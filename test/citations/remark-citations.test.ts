/**
 * Citations in prose: the syntax found, the links made, unknown keys reported at the key, cited
 * keys recorded, and `::references` filled in order of first citation.
 */
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'
import type { Root } from 'mdast'
import type { LeafDirective } from 'mdast-util-directive'
import rehypeStringify from 'rehype-stringify'
import remarkDirective from 'remark-directive'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import { unified } from 'unified'
import { visit } from 'unist-util-visit'
import { VFile } from 'vfile'
import { parseBibliography } from '../../src/citations/bibliography.ts'
import { findCitations } from '../../src/citations/syntax.ts'
import { citationMessages } from '../../src/diagnostics/citation-messages.ts'
import { references } from '../../src/pipeline/directives/references.ts'
import type { DirectiveEnv } from '../../src/pipeline/directives/spec.ts'
import { loweredHandlers } from '../../src/pipeline/mdast-to-hast.ts'
import remarkCitations from '../../src/pipeline/remark-citations.ts'
import { buildOne, formatAll, frontmatter } from '../helpers.ts'

const bibliography = parseBibliography(
  readFileSync('content/references.bib', 'utf8'),
  'content/references.bib',
)

/** The citation stage alone: `::references` lowered as remark-directives would, then citations. */
async function run(markdown: string) {
  const file = new VFile({ path: 'content/input.md', value: markdown })
  await unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkDirective)
    .use(() => (tree: Root) => {
      visit(tree, 'leafDirective', (node: LeafDirective) => {
        if (node.name === 'references') references.run(node, {} as DirectiveEnv)
      })
    })
    .use(remarkCitations, { bibliography })
    .use(remarkRehype, { handlers: loweredHandlers })
    .use(rehypeStringify)
    .process(file)
  const messages = file.messages.map(
    (m) =>
      `${m.line}:${m.column}-${m.place && 'end' in m.place ? `${m.place.end.line}:${m.place.end.column}` : ''} ${m.fatal ? 'error' : 'warning'} ${m.ruleId}: ${m.reason} | ${m.note ?? ''}`,
  )
  return { html: String(file.value), messages, cited: file.data.citations }
}

const a = (key: string, text: string) => {
  const title = bibliography.entry(key).title
  return `<a href="#ref-${key}" title="${title}" class="citation">${text}</a>`
}

test('findCitations: bracketed, several keys, prefix, locator, year only, narrative', () => {
  const found = findCitations(
    'See [@a] and [see @b, p. 3; -@c-d] but @e.f. @g’s, mail x@y.z, [no key], [@], [a @b @c]',
  )
  assert.deepEqual(
    found.map((c) => [
      c.kind,
      c.start,
      c.end,
      c.possessive,
      c.items.map((i) => [i.prefix, i.key, i.at, i.yearOnly, i.suffix]),
    ]),
    [
      ['parenthetical', 4, 8, '', [['', 'a', 5, false, '']]],
      [
        'parenthetical',
        13,
        34,
        '',
        [
          ['see', 'b', 18, false, 'p. 3'],
          ['', 'c-d', 29, true, ''],
        ],
      ],
      ['narrative', 39, 43, '', [['', 'e.f', 39, false, '']]],
      ['narrative', 45, 49, '’s', [['', 'g', 45, false, '']]],
      // `[a @b @c]` is not a citation (one key per item), but its keys may be narrative ones.
      ['narrative', 81, 83, '', [['', 'b', 81, false, '']]],
      ['narrative', 84, 86, '', [['', 'c', 84, false, '']]],
    ],
  )
})

test('a bracketed citation becomes author–year links inside parentheses', async () => {
  const { html, messages, cited } = await run(
    'Costs follow [@touvron2023] and [see @kaplan2020, Table 1; @nvidiaA100], as in [-@lee2024].\n\n::references\n',
  )
  assert.deepEqual(messages, [])
  assert.ok(html.includes(`Costs follow (${a('touvron2023', 'Touvron et al., 2023')}) and`))
  assert.ok(
    html.includes(
      `(see ${a('kaplan2020', 'Kaplan et al., 2020')}, Table 1; ${a('nvidiaA100', 'NVIDIA, 2020')})`,
    ),
  )
  assert.ok(html.includes(`as in (${a('lee2024', '2024')}).`))
  assert.deepEqual(cited, ['touvron2023', 'kaplan2020', 'nvidiaA100', 'lee2024'])
})

test('narrative citations keep the sentence: "@key describe", "@key\'s"', async () => {
  const { html, messages } = await run(
    "@touvron2023 describe it; @yuan2024's models, as @casper2023 note.\n\n::references\n",
  )
  assert.deepEqual(messages, [])
  assert.ok(html.includes(`${a('touvron2023', 'Touvron et al. (2023)')} describe it;`))
  assert.ok(html.includes(`${a('yuan2024', "Yuan et al.'s (2025)")} models`))
  assert.ok(html.includes(`as ${a('casper2023', 'Casper et al. (2023)')} note.`))
})

test('escapes, code, links, e-mail addresses and unknown handles stay as written', async () => {
  const { html, messages, cited } = await run(
    'Literal \\[@touvron2023], `[@touvron2023]`, [@touvron2023](https://example.org), mail@example.org, @someone and [no @ key here].\n',
  )
  assert.deepEqual(messages, [])
  assert.deepEqual(cited, [])
  assert.ok(
    html.includes(
      'Literal [@touvron2023], <code>[@touvron2023]</code>, <a href="https://example.org">@touvron2023</a>',
    ),
  )
  assert.ok(html.includes('@someone and [no @ key here].'))
})

test('an unknown key is an error at the key, with a did-you-mean', async () => {
  const { messages } = await run(
    'Line one.\n\n> Quoted [@lee2024; see @touvron2032, p. 2]\n> and @yaun2024 and [@zzzzzz].\n\n::references\n',
  )
  const typo = citationMessages.unknownCitation('touvron2032', 'touvron2023')
  const narrative = citationMessages.unknownCitation('yaun2024', 'yuan2024')
  const unknown = citationMessages.unknownCitation('zzzzzz', undefined)
  assert.deepEqual(messages, [
    `3:25-3:37 error unknown-citation: ${typo.reason} | did you mean \`@touvron2023\`?`,
    `4:7-4:16 error unknown-citation: ${narrative.reason} | did you mean \`@yuan2024\`?`,
    `4:22-4:29 error unknown-citation: ${unknown.reason} | ${unknown.hint}`,
  ])
})

test('citations without ::references warn; a second ::references is an error', async () => {
  const none = await run('As [@lee2024] shows.\n')
  assert.deepEqual(none.messages, [
    `1:4-1:4 warning missing-references: ${citationMessages.citationsWithoutList().reason} | ${citationMessages.citationsWithoutList().hint}`,
  ])
  const two = await run('As [@lee2024] shows.\n\n::references\n\n::references\n')
  assert.equal(two.messages.length, 1)
  assert.match(two.messages[0] ?? '', /^5:1-5:13 error duplicate-references: /)
})

test('::references lists cited entries first, in order of first citation', async () => {
  const { html } = await run('[@yuan2024] then [@touvron2023; @yuan2024].\n\n::references\n')
  const ids = [...html.matchAll(/<li id="ref-([^"]+)"/g)].map((m) => m[1])
  assert.deepEqual(ids.slice(0, 2), ['yuan2024', 'touvron2023'])
  assert.equal(ids.length, bibliography.keys().length)
})

test('in the full build: links, list, and a misspelt ::references', async () => {
  const { result, diagnostics } = await buildOne(
    `${frontmatter}The Llama 2 paper [@touvron2023] describes it.\n\n## References\n\n::references\n`,
  )
  assert.deepEqual(diagnostics, [])
  const html = result?.files.get('input/index.html') ?? ''
  assert.ok(html.includes(`(${a('touvron2023', 'Touvron et al., 2023')})`))
  assert.ok(html.includes('<li id="ref-touvron2023">'))
  const typo = await buildOne(`${frontmatter}Text.\n\n::refrences\n`)
  assert.match(formatAll(typo.diagnostics), /unknown-directive[\s\S]*did you mean `::references`\?/)
})
