/**
 * The PNG writer (site/png.ts): its chunks are well formed, its pixels come back unchanged, and
 * a decoder that is not ours (resvg's, drawing the file as an SVG image) reads the same pixels.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { crc32, inflateSync } from 'node:zlib'
import { Resvg } from '@resvg/resvg-js'
import { encodePng } from '../../src/site/png.ts'
import { renderPng, socialCardFonts, socialCardSvg } from '../../src/site/social-card.ts'

/** A width × height image whose every byte differs from its neighbours', alpha 255. */
function pattern(width: number, height: number): Uint8Array {
  const rgba = new Uint8Array(width * height * 4)
  for (let i = 0; i < rgba.length; i++) rgba[i] = i % 4 === 3 ? 255 : (i * 37 + (i >> 7)) & 255
  return rgba
}

/** The chunks of a PNG file, checking the signature and every CRC on the way. */
function chunks(png: Uint8Array): { type: string; data: Uint8Array }[] {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength)
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  const found: { type: string; data: Uint8Array }[] = []
  for (let at = 8; at < png.length; ) {
    const length = view.getUint32(at)
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8))
    const data = png.subarray(at + 8, at + 8 + length)
    assert.equal(
      view.getUint32(at + 8 + length),
      crc32(png.subarray(at + 4, at + 8 + length)),
      type,
    )
    found.push({ type, data })
    at += 12 + length
  }
  return found
}

test('IHDR, IDAT and IEND, each with its CRC; the rows come back byte for byte', () => {
  const [width, height] = [37, 11]
  const rgba = pattern(width, height)
  const parts = chunks(encodePng(rgba, width, height))
  assert.deepEqual(
    parts.map((p) => p.type),
    ['IHDR', 'IDAT', 'IEND'],
  )
  const header = new DataView(parts[0]?.data.buffer as ArrayBuffer, parts[0]?.data.byteOffset, 13)
  assert.deepEqual(
    [header.getUint32(0), header.getUint32(4), header.getUint8(8), header.getUint8(9)],
    [width, height, 8, 6],
  )
  const scanlines = inflateSync(parts[1]?.data as Uint8Array)
  assert.equal(scanlines.length, (width * 4 + 1) * height)
  for (let y = 0; y < height; y++) {
    const row = scanlines.subarray(y * (width * 4 + 1), (y + 1) * (width * 4 + 1))
    assert.equal(row[0], 0, `row ${y}: filter None`)
    assert.deepEqual(
      row.subarray(1),
      Buffer.from(rgba.subarray(y * width * 4, (y + 1) * width * 4)),
    )
  }
})

test('a smaller image after a larger one is written from its own pixels only', () => {
  encodePng(pattern(64, 64), 64, 64)
  const small = pattern(3, 2).map((v) => 255 - v)
  const scanlines = inflateSync(chunks(encodePng(small, 3, 2))[1]?.data as Uint8Array)
  assert.equal(scanlines.length, 2 * 13)
  assert.deepEqual(scanlines.subarray(1, 13), Buffer.from(small.subarray(0, 12)))
})

test('a buffer of the wrong size is refused', () => {
  assert.throws(() => encodePng(new Uint8Array(10), 2, 2), RangeError)
})

test("resvg's own decoder reads the social card's PNG as the pixels resvg drew", async () => {
  const svg = socialCardSvg({
    siteTitle: 'Site',
    title: 'A title long enough to wrap onto a second line of the card',
    summary: 'And a summary under it.',
    dateLabel: '13 November 2025',
  })
  const png = Buffer.from(await renderPng(svg))
  const drawn = new Resvg(svg, {
    fitTo: { mode: 'original' },
    font: { loadSystemFonts: false, fontFiles: socialCardFonts(), defaultFontFamily: 'Inter' },
  }).render()
  // The file drawn as an image at its own size: resvg decodes it with the png crate.
  const asImage = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630"><image width="1200" height="630" href="data:image/png;base64,${png.toString('base64')}"/></svg>`
  const decoded = new Resvg(asImage).render()
  assert.equal(decoded.width, 1200)
  assert.equal(decoded.height, 630)
  assert.ok(Buffer.from(decoded.pixels).equals(Buffer.from(drawn.pixels)))
})
