/**
 * The references list: the article's reference-list style, cited entries first, the model's
 * other sources under their own heading, links that open safely, and the same bytes every time.
 */
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'
import { toHtml } from 'hast-util-to-html'
import { parseBibliography } from '../../src/citations/bibliography.ts'
import {
  referenceItem,
  referenceText,
  renderReferences,
  SOURCES_HEADING,
} from '../../src/citations/render.ts'

const text = readFileSync('content/references.bib', 'utf8')
const bib = parseBibliography(text, 'content/references.bib')

test('the article’s references read as its hand-written list did', () => {
  // The list as the article printed it, before `::references` replaced it.
  const printed = {
    bowman2022:
      'Bowman, S.R., Hyun, J., Perez, E., et al., 2022. Measuring Progress on Scalable Oversight for Large Language Models. https://doi.org/10.48550/arXiv.2211.03540',
    casper2023:
      'Casper, S., Davies, X., Shi, C., et al., 2023. Open Problems and Fundamental Limitations of Reinforcement Learning from Human Feedback. https://doi.org/10.48550/arXiv.2307.15217',
    lee2024:
      'Lee, H., Phatale, S., Mansoor, H., et al., 2024. RLAIF vs. RLHF: Scaling Reinforcement Learning from Human Feedback with AI Feedback. https://doi.org/10.48550/arXiv.2309.00267',
    ouyang2022:
      'Ouyang, L., Wu, J., Jiang, X., et al., 2022. Training language models to follow instructions with human feedback. https://doi.org/10.48550/arXiv.2203.02155',
    santurkar2023:
      'Santurkar, S., Durmus, E., Ladhak, F., Lee, C., Liang, P., Hashimoto, T., 2023. Whose Opinions Do Language Models Reflect? https://doi.org/10.48550/arXiv.2303.17548',
    touvron2023:
      'Touvron, H., Martin, L., Stone, K., et al., 2023. Llama 2: Open Foundation and Fine-Tuned Chat Models. https://doi.org/10.48550/arXiv.2307.09288',
  }
  for (const [key, line] of Object.entries(printed))
    assert.equal(referenceText(bib.entry(key)), line)
  // Yuan et al. adds the pinned version, its address and the note on the year.
  assert.match(
    referenceText(bib.entry('yuan2024')),
    /^Yuan, W\., Pang, R\.Y\., Cho, K\., et al\., 2025\. Self-Rewarding Language Models, version 3\. https:\/\/doi\.org\/10\.48550\/arXiv\.2401\.10020 https:\/\/arxiv\.org\/abs\/2401\.10020v3 First posted/,
  )
})

test('sources of model inputs: organisations, types, editions, lettered years', () => {
  assert.match(
    referenceText(bib.entry('nvidiaA100')),
    /^NVIDIA, 2020\. NVIDIA A100 Tensor Core GPU Architecture \[Whitepaper\]\. https:\/\/images\.nvidia\.com\/.* Peak dense BF16 Tensor Core throughput of the A100: 312 TFLOP\/s/,
  )
  assert.match(
    referenceText(bib.entry('si')),
    /^BIPM, 2019\. The International System of Units \(SI\), 9th ed\. Bureau International des Poids et Mesures\. https:\/\/www\.bipm\.org\//,
  )
  assert.match(referenceText(bib.entry('awsP4d')), /^AWS, 2025a\. Amazon EC2 P4 Instances \[/)
  assert.match(referenceText(bib.entry('awsPriceCut2025')), /^AWS, 2025b\. Announcing up to 45% /)
  assert.match(
    referenceText(bib.entry('author')),
    /^The Economics of Alignment: Why RLAIF Delivers 11x Cost Reduction, 2025\. The blog article/,
  )
  assert.match(
    referenceText(bib.entry('kaplan2020')),
    /^Kaplan, J\., McCandlish, S\., Henighan, T\., et al\., 2020\./,
  )
})

test('an entry is an <li> with its id, links with rel="noopener" and the note apart', () => {
  assert.equal(
    toHtml(referenceItem(bib, 'touvron2023')),
    '<li id="ref-touvron2023">Touvron, H., Martin, L., Stone, K., et al., 2023. Llama 2: Open Foundation and Fine-Tuned Chat Models. <a href="https://doi.org/10.48550/arXiv.2307.09288" rel="noopener">https://doi.org/10.48550/arXiv.2307.09288</a></li>',
  )
  const html = toHtml(referenceItem(bib, 'nvidiaH100'))
  assert.match(html, /^<li id="ref-nvidiaH100">NVIDIA, 2022\. /)
  assert.match(html, /<a href="https:\/\/resources\.nvidia\.com\/[^"]+" rel="noopener">/)
  assert.match(html, /<span class="note">H100 SXM peak BF16 .*989 dense\./)
})

test('cited entries first in order of citation, then every other entry under a heading', () => {
  const cited = ['touvron2023', 'yuan2024', 'lee2024']
  const html = toHtml(renderReferences(bib, cited))
  const ids = [...html.matchAll(/<li id="ref-([^"]+)"/g)].map((m) => m[1])
  const rest = bib.keys().filter((k) => !cited.includes(k))
  assert.deepEqual(ids, [...cited, ...rest])
  assert.match(html, /^<div class="bibliography"><ol class="references">/)
  const heading = html.indexOf(`<h3>${SOURCES_HEADING}</h3>`)
  assert.ok(
    heading > html.indexOf('id="ref-lee2024"') && heading < html.indexOf('id="ref-bowman2022"'),
  )
  assert.equal(html.match(/<ol class="references">/g)?.length, 2)
})

test('without citations every entry is in one list, in file order', () => {
  const html = toHtml(renderReferences(bib, []))
  assert.ok(!html.includes('<h3>'))
  assert.deepEqual(
    [...html.matchAll(/<li id="ref-([^"]+)"/g)].map((m) => m[1]),
    [...bib.keys()],
  )
})

test('the same input gives the same bytes, whatever the clock says', () => {
  const render = () =>
    toHtml(renderReferences(parseBibliography(text, 'content/references.bib'), ['yuan2024']))
  const first = render()
  const realNow = Date.now
  Date.now = () => 0
  try {
    assert.equal(render(), first)
  } finally {
    Date.now = realNow
  }
})
