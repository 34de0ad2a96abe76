/**
 * The social preview image of an article: a 1200×630 title card drawn as SVG and rasterised to
 * PNG by resvg at build time (no browser). System fonts are never loaded; the card's font is
 * Inter (OFL-1.1) from the @expo-google-fonts/inter package, so the bytes do not depend on the
 * machine that builds them.
 */
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { familySync, GLIBC } from 'detect-libc'
import { RecentMap } from '../memo.ts'
import { encodePng } from './png.ts'
import { escapeXml } from './xml-escape.ts'

/** The card's size in pixels, as Open Graph and Twitter large cards expect. */
export const SOCIAL_CARD_WIDTH = 1200
export const SOCIAL_CARD_HEIGHT = 630

/** What the card shows. */
export interface SocialCardText {
  readonly siteTitle: string
  readonly title: string
  readonly summary: string
  /** Shown as written, e.g. "13 November 2025". */
  readonly dateLabel: string
}

const require = createRequire(import.meta.url)

/** The font files the card is drawn with (regular and bold), whole. */
export function socialCardFonts(): string[] {
  return [
    require.resolve('@expo-google-fonts/inter/400Regular/Inter_400Regular.ttf'),
    require.resolve('@expo-google-fonts/inter/700Bold/Inter_700Bold.ttf'),
  ]
}

/** The card's fonts cut to the characters in `characters` (scripts/compile.mjs, in lib/fonts/). */
interface CutFonts {
  readonly files: string[]
  readonly characters: ReadonlySet<number>
}

let cut: CutFonts | undefined | null = null

/**
 * The cut fonts, if `npm run compile` made them: lib/fonts/ beside the bundle (lib/article.cjs),
 * or from src/site/ under a TypeScript loader.
 */
function cutFonts(): CutFonts | undefined {
  if (cut !== null) return cut
  cut = undefined
  for (const folder of ['./fonts/', '../../lib/fonts/']) {
    const dir = new URL(folder, import.meta.url)
    const characters = new URL('characters.txt', dir)
    if (!existsSync(characters)) continue
    const files = ['Inter_400Regular.ttf', 'Inter_700Bold.ttf'].map((name) =>
      fileURLToPath(new URL(name, dir)),
    )
    if (!files.every((file) => existsSync(file))) continue
    const text = readFileSync(characters, 'utf8')
    cut = { files, characters: new Set(Array.from(text, (c) => c.codePointAt(0) as number)) }
    break
  }
  return cut
}

/**
 * The fonts to draw `svg` with: the cut ones when they hold every character of it (its markup
 * is ASCII, which they hold), else the whole ones. resvg reads a whole font file again for each
 * glyph it shapes or outlines, so smaller files draw the same card faster.
 */
export function fontsFor(svg: string): string[] {
  const fonts = cutFonts()
  if (!fonts) return socialCardFonts()
  for (const character of svg) {
    const code = character.codePointAt(0) as number
    // Line breaks and tabs are white space to the drawing, not glyphs.
    if (code >= 0x20 && !fonts.characters.has(code)) return socialCardFonts()
  }
  return fonts.files
}

/** Greedy word wrap at roughly `maxChars` per line, at most `maxLines` (the last ends in "…"). */
export function wrapText(text: string, maxChars: number, maxLines: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.replace(/\s+/g, ' ').trim().split(' ')) {
    if (line && line.length + 1 + word.length > maxChars) {
      lines.push(line)
      line = word
    } else line = line ? `${line} ${word}` : word
  }
  if (line) lines.push(line)
  if (lines.length <= maxLines) return lines
  const kept = lines.slice(0, maxLines)
  kept[maxLines - 1] = `${kept[maxLines - 1]?.replace(/[\s,.;:]*$/, '')}…`
  return kept
}

/** The title card as an SVG document. */
export function socialCardSvg(card: SocialCardText): string {
  const title = wrapText(card.title, 30, 4)
  const titleSize = title.length > 3 ? 56 : 64
  const titleLines = title.map(
    (line, i) =>
      `<text x="80" y="${200 + i * titleSize * 1.18}" font-size="${titleSize}" font-weight="700" fill="#1c1e22">${escapeXml(line)}</text>`,
  )
  const summaryTop = Math.round(200 + (title.length - 1) * titleSize * 1.18 + 80)
  const summary = wrapText(card.summary, 62, Math.max(1, Math.floor((560 - summaryTop) / 36)))
  const summaryLines = summary.map(
    (line, i) =>
      `<text x="80" y="${summaryTop + i * 36}" font-size="26" fill="#595f6a">${escapeXml(line)}</text>`,
  )
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${SOCIAL_CARD_WIDTH}" height="${SOCIAL_CARD_HEIGHT}" viewBox="0 0 ${SOCIAL_CARD_WIDTH} ${SOCIAL_CARD_HEIGHT}" font-family="Inter">`,
    `<rect width="${SOCIAL_CARD_WIDTH}" height="${SOCIAL_CARD_HEIGHT}" fill="#fdfcfa"/>`,
    `<rect width="${SOCIAL_CARD_WIDTH}" height="14" fill="#0b57a8"/>`,
    `<text x="80" y="100" font-size="28" font-weight="700" fill="#0b57a8">${escapeXml(card.siteTitle)}</text>`,
    ...titleLines,
    ...summaryLines,
    `<text x="80" y="590" font-size="24" fill="#595f6a">${escapeXml(card.dateLabel)}</text>`,
    '</svg>',
  ].join('\n')
}

/**
 * Cards drawn lately, by their SVG: a rebuild under `npm run dev` draws the same card again
 * after every prose edit (~8 ms of the thread that serves the page). A few, so a thousand-page
 * build does not keep every card it has written.
 */
const recent = new RecentMap<string, Promise<Uint8Array>>(16)

/** `svg` rasterised to PNG (see drawPng), or the bytes drawn for the same SVG lately. */
export function renderPng(svg: string): Promise<Uint8Array> {
  const found = recent.get(svg)
  if (found) return found
  const png = drawPng(svg)
  recent.set(svg, png)
  png.catch(() => recent.delete(svg))
  return png
}

/**
 * `svg` rasterised to PNG at its own size, with only the card's fonts. The card is opaque (its
 * first shape fills it), so resvg's premultiplied pixels are already the straight ones PNG
 * stores. Drawn on the calling thread: with resvg's memory kept (src/cli/main.ts) the drawing
 * takes ~1 ms, less than handing it to libuv's pool and back.
 */
export async function drawPng(svg: string): Promise<Uint8Array> {
  const { Resvg } = loadResvg()
  const image = new Resvg(svg, {
    fitTo: { mode: 'original' },
    font: { loadSystemFonts: false, fontFiles: fontsFor(svg), defaultFontFamily: 'Inter' },
  }).render()
  return encodePng(image.pixels, image.width, image.height)
}

type ResvgModule = typeof import('@resvg/resvg-js')
let resvg: ResvgModule | undefined

/**
 * resvg-js, told which C library this Linux has by detect-libc, which reads it from the file
 * system. resvg-js would ask node's diagnostic report (`process.report.getReport()`), which also
 * stops each worker thread to report on it: ~20 ms in the middle of a build, the chart worker's
 * too. Only the `glibcVersionRuntime` resvg-js reads is given, for the length of a synchronous
 * require; without an answer from detect-libc, resvg-js asks the report as before.
 */
function loadResvg(): ResvgModule {
  resvg ??= answeringLibc(() => require('@resvg/resvg-js') as ResvgModule)
  return resvg
}

/** Runs `load` with `process.report.getReport()` answering detect-libc's C library, if it knows. */
function answeringLibc<T>(load: () => T): T {
  const report = process.report
  const family = process.platform === 'linux' ? familySync() : null
  if (family === null || typeof report?.getReport !== 'function') return load()
  const getReport = report.getReport
  // resvg-js asks only whether there is a glibc version: any text says there is.
  const glibcVersionRuntime = family === GLIBC ? 'glibc' : undefined
  report.getReport = (() => ({ header: { glibcVersionRuntime } })) as typeof getReport
  try {
    return load()
  } finally {
    report.getReport = getReport
  }
}
