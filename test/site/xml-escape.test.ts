import assert from 'node:assert/strict'
import { test } from 'node:test'
import { escapeXml } from '../../src/site/xml-escape.ts'

/** The five replaces the one-pass escape stands in for. */
const reference = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')

test('escapeXml replaces the five characters, wherever they stand', () => {
  assert.equal(
    escapeXml(`<a href="x">Tom & Jerry's</a>`),
    '&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&apos;s&lt;/a&gt;',
  )
  assert.equal(escapeXml('&'), '&amp;')
  assert.equal(escapeXml('&&x<'), '&amp;&amp;x&lt;')
  assert.equal(escapeXml(''), '')
  assert.equal(escapeXml('plain text – 58.5×'), 'plain text – 58.5×')
  // Entities already in the text are escaped again, as XML text must show them.
  assert.equal(escapeXml('&amp;'), '&amp;amp;')
})

test('escapeXml agrees with the five replaces on every printable ASCII pair', () => {
  const chars = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i))
  for (const a of chars) for (const b of chars) assert.equal(escapeXml(a + b), reference(a + b))
})
