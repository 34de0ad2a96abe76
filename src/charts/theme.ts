/**
 * The shared Vega-Lite theme, passed as `config` to the compiler so a spec's own `config` still
 * wins. Goals: match the page's system-ui text, be colour-blind safe, and stay readable on a light
 * and a dark page, because charts are inlined and the page may switch colour scheme.
 */
import type { Config } from 'vega-lite'

/**
 * Okabe–Ito (Okabe & Ito 2008), reordered so the first four pass WCAG 1.4.11's 3:1 for graphics on
 * both white and a near-black page (measured: blue 5.2/3.6, vermillion 3.9/4.8, bluish green
 * 3.4/5.5, reddish purple 3.1/6.1 against #fff/#121212). Orange, sky blue and yellow are too light
 * for a white page, so they come later. Okabe–Ito's black is swapped for its grey, since black
 * vanishes on a dark page.
 */
const okabeIto: readonly string[] = [
  '#0072B2',
  '#D55E00',
  '#009E73',
  '#CC79A7',
  '#E69F00',
  '#56B4E9',
  '#F0E442',
  '#999999',
]

/** The page's font stack, so chart text matches body text when inlined. */
const chartFont = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif'

/**
 * Text and axis lines use `currentColor` (Vega passes it through to the SVG `fill`/`stroke`
 * attributes unchanged), so an inline chart takes the page's text colour in light and dark mode.
 */
const ink = 'currentColor'

/** Mid-grey at low opacity reads as a faint grid on white and on near-black alike. */
const grid = { gridColor: '#808080', gridOpacity: 0.35 }

/** The theme every chart is compiled with (a spec's own `config` overrides it key by key). */
export const chartTheme: Config = {
  // The root is `role="img"` with a <title> and <desc> (svg.ts), which makes everything inside it
  // presentational to assistive technology; Vega's per-mark ARIA labels would be dead weight
  // (about 10% of the file). The numbers reach readers through the data table instead.
  aria: false,
  // No painted background: an inline chart sits on whatever the page's background is.
  background: 'transparent',
  font: chartFont,
  // Vega's default view frame is #ddd, which glares on a dark page; the axes are frame enough.
  view: { stroke: null },
  mark: { color: okabeIto[0] ?? '#0072B2' },
  range: { category: [...okabeIto] },
  axis: {
    labelColor: ink,
    titleColor: ink,
    domainColor: ink,
    tickColor: ink,
    labelFontSize: 13,
    titleFontSize: 14,
    titleFontWeight: 'normal',
    // Category names are sentences ("Human, realistic price"); never cut them short.
    labelLimit: 320,
    ...grid,
  },
  legend: {
    labelColor: ink,
    titleColor: ink,
    labelFontSize: 13,
    titleFontSize: 14,
    labelLimit: 320,
  },
  header: { labelColor: ink, titleColor: ink },
  title: { color: ink, subtitleColor: ink, fontSize: 16, fontWeight: 'normal' },
  // Same number locale as src/format/number.ts (ASCII minus), so axis labels and prose agree.
  locale: {
    number: {
      decimal: '.',
      thousands: ',',
      grouping: [3],
      currency: ['$', ''],
      minus: '-',
    },
  },
}

/**
 * Colours for a standalone `.svg` file, which cannot inherit a page's text colour (opened directly
 * or used as `<img>`, `currentColor` is black). A `<style>` element is used rather than a `style`
 * attribute because (a) it is only added to the standalone file, never to inline SVG, where a
 * `<style>` would leak into the whole page, and (b) it can follow `prefers-color-scheme`. An opaque
 * background keeps the text readable even when the file sits on a page of the other scheme.
 */
export const standaloneStyle =
  ':root{color:#1f2328;background-color:#ffffff}' +
  '@media (prefers-color-scheme:dark){:root{color:#e6edf3;background-color:#0d1117}}'
