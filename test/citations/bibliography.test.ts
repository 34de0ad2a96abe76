/**
 * content/references.bib and the BibTeX it may use: entries, names, labels (author–year,
 * lettered when ambiguous) and the keys the cost model cites.
 */
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'
import { parseBibliography } from '../../src/citations/bibliography.ts'
import { articleCostModel } from '../../src/model/index.ts'

const { inputs: inputDefs, scenarios: scenarioDefs } = articleCostModel

const text = readFileSync('content/references.bib', 'utf8')
const bib = parseBibliography(text, 'content/references.bib')
const parse = (source: string) => parseBibliography(source, 'test.bib')

test('the project bibliography holds the article’s references and the model’s sources', () => {
  assert.deepEqual([...bib.keys()].sort(), [
    'author',
    'awsP4d',
    'awsPriceCut2025',
    'bowman2022',
    'casper2023',
    'kaplan2020',
    'lee2024',
    'nvidiaA100',
    'nvidiaH100',
    'ouyang2022',
    'santurkar2023',
    'si',
    'touvron2023',
    'yuan2024',
  ])
})

test('every source the model cites is in the bibliography', () => {
  const sources = new Set(inputDefs.map((d) => d.source))
  for (const scenario of scenarioDefs)
    for (const override of Object.values(scenario.overrides))
      if ('source' in override) sources.add(override.source)
  assert.ok(sources.size >= 10)
  for (const source of sources) assert.ok(bib.has(source), `${source} is not in references.bib`)
})

test('labels read as the article writes them', () => {
  const labels = Object.fromEntries(bib.keys().map((k) => [k, bib.label(k)]))
  assert.deepEqual(labels, {
    bowman2022: 'Bowman et al., 2022',
    casper2023: 'Casper et al., 2023',
    lee2024: 'Lee et al., 2024',
    ouyang2022: 'Ouyang et al., 2022',
    santurkar2023: 'Santurkar et al., 2023',
    touvron2023: 'Touvron et al., 2023',
    yuan2024: 'Yuan et al., 2025',
    kaplan2020: 'Kaplan et al., 2020',
    nvidiaA100: 'NVIDIA, 2020',
    nvidiaH100: 'NVIDIA, 2022',
    awsP4d: 'AWS, 2025a',
    awsPriceCut2025: 'AWS, 2025b',
    si: 'BIPM, 2019',
    author: 'The Economics of Alignment, 2025',
  })
  assert.equal(bib.href('touvron2023'), '#ref-touvron2023')
  assert.equal(bib.names('yuan2024'), 'Yuan et al.')
  assert.equal(bib.year('yuan2024'), '2025')
})

test('yuan2024 is pinned to arXiv v3 and says why its year is 2025', () => {
  const entry = bib.entry('yuan2024')
  assert.equal(entry.fields.get('eprint'), '2401.10020')
  assert.equal(entry.fields.get('version'), '3')
  assert.equal(entry.fields.get('url'), 'https://arxiv.org/abs/2401.10020v3')
  assert.match(entry.fields.get('note') ?? '', /2024.*2025/s)
})

test('one, two and many authors; organisations; no author', () => {
  const b = parse(`
    @article{one, author = {Kaplan, Jared}, title = {A}, year = 2020}
    @article{two, author = {Ann Smith and Bob Jones}, title = {B}, year = {2020}}
    @article{three, author = {Lee, H. and Kim, J. and Park, S.}, title = {C}, year = {2021}}
    @article{more, author = {Solo, Han and others}, title = {D}, year = {2021}}
    @manual{org, author = {{NVIDIA Corporation}}, title = {E}, year = {2020}}
    @online{anon, title = {A Long Title: With a Subtitle}, shorttitle = {A Long Title}, year = {2025}}
    @online{undated, author = {{AWS}}, title = {F}}
  `)
  assert.equal(b.label('one'), 'Kaplan, 2020')
  assert.equal(b.label('two'), 'Smith and Jones, 2020')
  assert.equal(b.label('three'), 'Lee et al., 2021')
  assert.equal(b.label('more'), 'Solo et al., 2021')
  assert.equal(b.label('org'), 'NVIDIA Corporation, 2020')
  assert.equal(b.label('anon'), 'A Long Title, 2025')
  assert.equal(b.label('undated'), 'AWS, n.d.')
  assert.deepEqual(b.entry('two').authors[0], { family: 'Smith', given: 'Ann', literal: false })
  assert.equal(b.entry('more').moreAuthors, true)
})

test('same names and year are lettered by title, whatever the file order', () => {
  const b = parse(`
    @misc{second, author = {{AWS}}, title = {Zebra pricing}, year = {2025}}
    @misc{first, author = {{AWS}}, title = {Announcing}, year = {2025}}
    @misc{other, author = {{AWS}}, title = {Other}, year = {2024}}
  `)
  assert.equal(b.label('first'), 'AWS, 2025a')
  assert.equal(b.label('second'), 'AWS, 2025b')
  assert.equal(b.label('other'), 'AWS, 2024')
  assert.deepEqual(b.keys(), ['second', 'first', 'other'])
})

test('BibTeX syntax: strings, months, concatenation, quotes, parentheses, comments', () => {
  const b = parse(`
    % a comment with an @ sign that is not an entry
    @comment{ignored, title = {x}}
    @preamble{"\\newcommand{\\x}{y}"}
    @string{ venue = "Proceedings of " }
    @inproceedings(paren,
      author = "van der Berg, Ada and Ludwig van Beethoven and King, Jr., Martin Luther",
      title = "Braces {in} quotes and {\\%} escapes: 45\\% \\& more -- ranges --- dashes",
      booktitle = venue # {ICML} # " 2024",
      month = jun,
      year = 2024,
      url = {https://example.org/~user/a--b%20c},
    )
  `)
  const entry = b.entry('paren')
  assert.equal(entry.type, 'inproceedings')
  assert.equal(entry.title, 'Braces in quotes and % escapes: 45% & more – ranges — dashes')
  assert.equal(entry.fields.get('booktitle'), 'Proceedings of ICML 2024')
  assert.equal(entry.fields.get('month'), 'June')
  assert.equal(entry.fields.get('url'), 'https://example.org/~user/a--b%20c')
  assert.deepEqual(
    entry.authors.map((a) => [a.family, a.given]),
    [
      ['van der Berg', 'Ada'],
      ['van Beethoven', 'Ludwig'],
      ['King Jr.', 'Martin Luther'],
    ],
  )
  assert.equal(b.label('paren'), 'van der Berg et al., 2024')
  assert.deepEqual(b.keys(), ['paren'])
})

test('an empty file is an empty bibliography', () => {
  assert.deepEqual(parse('').keys(), [])
  assert.deepEqual(parse('% only a comment\n').keys(), [])
})

test('label and entry throw for an unknown key', () => {
  assert.throws(() => bib.label('touvron2032'), /Unknown citation key/)
  assert.throws(() => bib.entry('nope'), /Unknown citation key/)
  assert.equal(bib.has('nope'), false)
})
