/**
 * Charts at the reader's numbers. While the page shows them, each chart the build offers for
 * redrawing (whatif-charts.json: its drawings compiled to Vega) is drawn again from the model's
 * datasets at the reader's values when it comes on screen, by the chart chunk
 * (assets/whatif-charts.js, the Vega runtime) that is imported the first time it is needed. The
 * new drawings replace the files the figure's `<picture>` shows, so its alternative text, size,
 * caption and phone variant work as before; back at the article's numbers the files return.
 * Charts drawn from Monte Carlo draws keep the article's drawing and say so.
 */
import type { ChartRedraw, ChartRedraws } from '../whatif/charts.ts'
import type * as ChartChunk from './charts.ts'
import { type Engine, formatHash, type ReaderValues } from './engine.ts'

/** One figure on the page and what it shows. */
interface Figure {
  readonly element: HTMLElement
  readonly img: HTMLImageElement
  readonly source: HTMLSourceElement | null
  readonly note: HTMLElement
  /** Its data tables as the build wrote them, and as they stand. */
  readonly tables: readonly HTMLTableElement[]
  shownTables: readonly HTMLTableElement[]
  /** The article's drawing: what reset puts back. */
  readonly original: { src: string; srcset: string; alt: string; size: Size; narrowSize: Size }
  redraw: ChartRedraw | undefined
  /** The reader's values it shows, as a URL hash (undefined: the article's). */
  shows: string | undefined
  visible: boolean
}

type Size = readonly [string | null, string | null]

const NOTE_STATIC = "This chart shows the article's numbers, not yours; its caption shows yours."
const NOTE_DRAWS =
  "This chart shows the article's uncertainty draws, not yours: it is not redrawn in the page."
const NOTE_REDRAWN = 'This chart and its data table are redrawn at your numbers.'
const NOTE_FAILED = "This chart could not be redrawn: it shows the article's numbers, not yours."

/** Sets up the page's charts for the panel; `render` follows each change of the reader's values. */
export function chartRedraws(engine: Engine) {
  const figures = [...document.querySelectorAll<HTMLElement>('figure.chart')].flatMap(figureOf)
  let values: ReaderValues = new Map()
  let key: string | undefined
  let manifest: Promise<void> | undefined
  let chunk: Promise<typeof ChartChunk> | undefined
  let drawing = false

  const observer = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      const figure = figures.find((f) => f.element === entry.target)
      if (figure) figure.visible = entry.isIntersecting
    }
    void drawVisible()
  })
  for (const figure of figures) observer.observe(figure.element)

  // The redrawable charts are known once whatif-charts.json has come, on the first change.
  const loadManifest = () => {
    manifest ??= fetch(new URL('whatif-charts.json', document.baseURI))
      .then((response) => response.json() as Promise<ChartRedraws>)
      .then((json) => {
        for (const figure of figures) {
          figure.redraw = json.charts.find((c) => c.id === figure.element.id)
          figure.note.textContent = figure.redraw ? NOTE_REDRAWN : NOTE_DRAWS
        }
      })
      .catch(() => {
        for (const figure of figures) figure.note.textContent = NOTE_FAILED
      })
    return manifest
  }

  /** Draws, one after another, every visible chart not yet at the current values. */
  const drawVisible = async (): Promise<void> => {
    if (drawing || key === undefined) return
    drawing = true
    try {
      await loadManifest()
      for (;;) {
        const next = figures.find((f) => f.visible && f.redraw && f.shows !== key)
        if (!next || key === undefined) break
        await draw(next, values, key)
      }
    } finally {
      drawing = false
    }
  }

  const draw = async (figure: Figure, at: ReaderValues, atKey: string): Promise<void> => {
    const redraw = figure.redraw
    if (!redraw) return
    try {
      chunk ??= import(new URL('whatif-charts.js', import.meta.url).href) as Promise<
        typeof ChartChunk
      >
      const { drawChart, drawTables } = await chunk
      // Timed from here: loading the chunk is paid once, not per chart.
      const started = performance.now()
      const rows = engine.chartRows(at, redraw.datasets)
      if (!rows) throw new Error(`${redraw.id}: its datasets need Monte Carlo draws`)
      const description = captionText(figure.element)
      const label = { title: redraw.title ?? description, description }
      // The drawing on screen first (and timed); the other (phone or desktop) right after.
      const narrowShown = figure.source ? matchMedia(figure.source.media).matches : false
      const variants = narrowShown ? (['narrow', 'wide'] as const) : (['wide', 'narrow'] as const)
      for (const [i, variant] of variants.entries()) {
        const idPrefix = variant === 'wide' ? redraw.id : `${redraw.id}-narrow`
        const svg = await drawChart(redraw[variant], rows, { ...label, idPrefix })
        // The reader may have changed the numbers, or gone back to the article's, meanwhile:
        // the loop in drawVisible draws this chart again if it is still on screen.
        if (key !== atKey) return
        show(figure, variant, svg)
        if (i === 0) performance.measure(`whatif-chart ${redraw.id}`, { start: started })
      }
      showTables(figure, drawTables(rows, redraw.datasets, label.title, redraw.tables))
      figure.note.textContent = NOTE_REDRAWN
    } catch {
      // The article's drawing rather than half a redraw; other numbers may draw again.
      restore(figure)
      figure.note.textContent = NOTE_FAILED
    }
    figure.shows = atKey
  }

  const render = (next: ReaderValues) => {
    values = new Map(next)
    key = next.size > 0 ? formatHash(next) : undefined
    if (key === undefined) {
      for (const figure of figures) restore(figure)
      return
    }
    void drawVisible()
  }
  return { render }
}

function figureOf(element: HTMLElement): Figure[] {
  const img = element.querySelector('picture img')
  if (!(img instanceof HTMLImageElement)) return []
  const source = element.querySelector('picture source')
  const note = document.createElement('p')
  note.className = 'whatif-chart-note whatif-when-active'
  note.textContent = NOTE_STATIC
  const caption = element.querySelector('figcaption')
  if (caption) caption.before(note)
  else element.append(note)
  const tables = [...element.querySelectorAll<HTMLTableElement>('.chart-data table')]
  const sizeOf = (e: Element | null): Size => [
    e?.getAttribute('width') ?? null,
    e?.getAttribute('height') ?? null,
  ]
  return [
    {
      element,
      img,
      source: source instanceof HTMLSourceElement ? source : null,
      note,
      tables,
      shownTables: tables,
      original: {
        src: img.getAttribute('src') ?? '',
        srcset: source?.getAttribute('srcset') ?? '',
        alt: img.alt,
        size: sizeOf(img),
        narrowSize: sizeOf(source),
      },
      redraw: undefined,
      shows: undefined,
      visible: false,
    },
  ]
}

/**
 * The caption as the build reads it for the drawing's description (its text, spaces collapsed),
 * now with the reader's numbers: without the data table, the notes the panel adds, claim marks.
 */
function captionText(figure: HTMLElement): string {
  const caption = figure.querySelector('figcaption')?.cloneNode(true)
  if (!(caption instanceof HTMLElement)) return ''
  for (const added of caption.querySelectorAll('.chart-data, .whatif-claim-note')) added.remove()
  return (caption.textContent ?? '').replace(/\s+/g, ' ').trim()
}

/** A drawing as the file the picture shows for its variant. */
function show(figure: Figure, variant: 'wide' | 'narrow', svg: string): void {
  if (variant === 'narrow') {
    figure.source?.setAttribute('srcset', dataUrl(svg))
    setSize(figure.source, svgSize(svg))
  } else {
    figure.img.src = dataUrl(svg)
    setSize(figure.img, svgSize(svg))
  }
  figure.img.alt = `${figure.original.alt} (redrawn at your numbers)`
  figure.element.dataset.redrawn = ''
}

/** The redrawn data tables in place of those shown (parsed from escaped HTML: model values). */
function showTables(figure: Figure, html: readonly string[]): void {
  figure.shownTables = figure.shownTables.map((shown, i) => {
    const template = document.createElement('template')
    template.innerHTML = html[i] ?? ''
    const table = template.content.querySelector('table')
    if (!table) return shown
    shown.replaceWith(table)
    return table
  })
}

/** The article's drawing again. */
function restore(figure: Figure): void {
  if (!('redrawn' in figure.element.dataset)) return
  const { src, srcset, alt, size, narrowSize } = figure.original
  figure.source?.setAttribute('srcset', srcset)
  setSize(figure.source, narrowSize)
  figure.img.src = src
  setSize(figure.img, size)
  figure.img.alt = alt
  figure.shownTables.forEach((shown, i) => {
    const table = figure.tables[i]
    if (table && shown !== table) shown.replaceWith(table)
  })
  figure.shownTables = figure.tables
  delete figure.element.dataset.redrawn
  figure.shows = undefined
}

// Percent-encoded, so no character of the SVG can end the URL or split a `srcset`.
const dataUrl = (svg: string): string => `data:image/svg+xml,${encodeURIComponent(svg)}`

function svgSize(svg: string): Size {
  const root = /^<svg\b[^>]*>/.exec(svg)?.[0] ?? ''
  return [/ width="([\d.]+)"/.exec(root)?.[1] ?? null, / height="([\d.]+)"/.exec(root)?.[1] ?? null]
}

function setSize(element: Element | null, [width, height]: Size): void {
  if (!element) return
  if (width === null) element.removeAttribute('width')
  else element.setAttribute('width', width)
  if (height === null) element.removeAttribute('height')
  else element.setAttribute('height', height)
}
