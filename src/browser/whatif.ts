/**
 * "Try your own numbers": the panel's controls and the page recomputed in place. Loaded by
 * templates/assets/whatif-loader.js only when the reader opens the panel, follows a popover's
 * "change this input", or arrives on a shared URL (`#set=…`). The numbers come from the page
 * table (whatif.json, written by the build) and the same model and formatter code that built
 * the page (engine.ts). No eval, no inline script or style: it runs under a strict CSP.
 */
import { formatNumber } from '../format/number.ts'
import { articleCostModel, articleModel } from '../model/index.ts'
import type { PageTable, TableInput } from '../whatif/types.ts'
import { chartRedraws } from './chart-redraw.ts'
import { createEngine, type Engine, formatHash, type PageState, parseHash } from './engine.ts'
import { popoverSlots } from './popovers.ts'

let started: Promise<Controller> | undefined

/** Starts the panel once; `focus` names an input whose field should take focus. */
export function start(panel: HTMLDetailsElement, focus?: string): Promise<Controller> {
  started ??= load(panel)
  return started.then((controller) => {
    if (focus) controller.focus(focus)
    return controller
  })
}

/** What tests and the loader can ask of a started panel. */
export interface Controller {
  set(values: ReadonlyMap<string, number>): PageState
  reset(): void
  focus(id: string): void
  readonly engine: Engine
}

async function load(panel: HTMLDetailsElement): Promise<Controller> {
  const stylesheet = document.createElement('link')
  stylesheet.rel = 'stylesheet'
  stylesheet.href = new URL('whatif.css', import.meta.url).href
  document.head.append(stylesheet)
  const response = await fetch(new URL('whatif.json', document.baseURI))
  const table = (await response.json()) as PageTable
  const engine = createEngine(articleCostModel, articleModel, table)
  const page = pageElements(table)
  const charts = chartRedraws(engine)
  const body = panel.querySelector('.whatif-body') ?? panel
  const ui = buildPanel(engine, body)
  let values = new Map<string, number>()
  let urlTimer: ReturnType<typeof setTimeout> | undefined

  const show = (next: ReadonlyMap<string, number>, updateUrl: boolean): PageState => {
    const state = engine.compute(next)
    if (!state.ok) {
      ui.status(state.message)
      return state
    }
    values = new Map(next)
    ui.status('')
    ui.sync(values)
    page.render(state, values)
    charts.render(values)
    // The URL follows a moment later: replaceState costs more than recomputing the page.
    if (updateUrl) {
      clearTimeout(urlTimer)
      urlTimer = setTimeout(() => {
        history.replaceState(
          null,
          '',
          `${location.pathname}${location.search}${formatHash(values)}`,
        )
      }, 150)
    }
    return state
  }
  ui.onChange((next) => show(next, true))
  const reset = () => {
    ui.clearErrors()
    show(new Map(), true)
  }
  ui.onReset(reset)
  page.onReset(reset)
  window.addEventListener('hashchange', () => show(parseHash(location.hash), false))
  const fromUrl = parseHash(location.hash)
  if (fromUrl.size > 0) show(fromUrl, false)
  else ui.sync(values)
  return { set: (next) => show(next, true), reset, focus: ui.focus, engine }
}

/** The page's computed numbers, claims, popovers and banner, and how to show a state. */
function pageElements(table: PageTable) {
  // The page table lists the numbers in page order (src/pipeline/rehype-provenance.ts).
  const numbers = [...document.querySelectorAll<HTMLElement>('.article [data-figure]')]
  const original = numbers.map((e) => e.textContent ?? '')
  const claims: HTMLElement[] = []
  for (const element of document.querySelectorAll<HTMLElement>('[data-claim]'))
    claims[Number(element.dataset.claim)] = element
  const popovers = popoverSlots(numbers, table)
  // Intervals and sparklines come from Monte Carlo draws at the author's inputs (drawing them
  // again would cost far more than a frame): hidden in the text and the popovers, not left
  // standing next to numbers they no longer describe. Popovers keep the interval's line, marked
  // as the article's; the banner says why the text has none.
  // A figure's popover for every scenario has no one value to follow: its lines go stale too.
  const stale = [
    ...document.querySelectorAll<HTMLElement>(
      '.interval, .provenance .sparkline, .prov-scenarios, .prov-by-scenario .prov-interval',
    ),
  ]
  const intervalsNote = document.querySelector('.interval')
    ? " The 90% intervals are the article's, from its own inputs: the text leaves them out while it shows yours."
    : ''
  const header = document.querySelector('.article-header') ?? document.body
  const banner = document.createElement('div')
  banner.className = 'whatif-banner'
  banner.setAttribute('role', 'note')
  banner.hidden = true
  const bannerText = document.createElement('p')
  const back = document.createElement('button')
  back.type = 'button'
  back.textContent = "Back to the article's numbers"
  banner.append(bannerText, back)
  header.prepend(banner)
  const live = document.createElement('p')
  live.className = 'whatif-live visually-hidden'
  live.setAttribute('aria-live', 'polite')
  document.body.append(live)
  const headline = document.querySelector('h1')
  let wasActive = false

  const render = (state: Extract<PageState, { ok: true }>, values: ReadonlyMap<string, number>) => {
    const active = values.size > 0
    for (let n = 0; n < numbers.length; n++) {
      const element = numbers[n]
      const text = active ? state.texts[n] : original[n]
      if (element && text !== undefined && element.textContent !== text) element.textContent = text
    }
    for (let k = 0; k < claims.length; k++) markClaim(claims[k], table, k, state, active)
    popovers.render(state, active, values)
    if (active !== wasActive)
      for (const element of stale) element.classList.toggle('whatif-stale', active)
    wasActive = active
    banner.hidden = !active
    document.documentElement.classList.toggle('whatif-active', active)
    bannerText.textContent = active
      ? `This page shows your numbers, not the author's: ${[...values]
          .map(([id, v]) => `${labelOf(table, id)} ${v}`)
          .join(', ')}.${intervalsNote}`
      : ''
    live.textContent = headline
      ? `${active ? 'At your numbers' : "At the article's numbers"}: ${headline.textContent?.trim()}`
      : ''
  }
  return { render, onReset: (f: () => void) => back.addEventListener('click', f) }
}

const labelOf = (table: PageTable, id: string): string =>
  table.inputs.find((i) => i.id === id)?.label ?? id

/** Marks (or unmarks) the sentence a claim stands in. */
function markClaim(
  marker: HTMLElement | undefined,
  table: PageTable,
  k: number,
  state: Extract<PageState, { ok: true }>,
  active: boolean,
): void {
  const block = marker?.parentElement?.closest<HTMLElement>('p, li, td, th, blockquote, figcaption')
  if (!marker || !block) return
  const fails = active && state.holds[k] === false
  let note = marker.nextElementSibling
  if (!note?.classList.contains('whatif-claim-note')) {
    if (!fails) return
    note = document.createElement('strong')
    note.className = 'whatif-claim-note'
    marker.after(note)
  }
  if (fails) {
    const readings = (state.readings[k] ?? []).join(', ')
    note.textContent = ` [This no longer holds at your inputs: ${readings} is not “${table.claims[k]?.claim ?? ''}”.]`
    block.classList.add('whatif-claim-fails')
  } else {
    note.remove()
    if (!block.querySelector('.whatif-claim-note')) block.classList.remove('whatif-claim-fails')
  }
}

/** The panel's form: a scenario picker, one field per input, reset. */
function buildPanel(engine: Engine, body: Element) {
  const { table } = engine
  const form = document.createElement('form')
  form.className = 'whatif-form'
  form.noValidate = true
  const intro = document.createElement('p')
  intro.textContent =
    'Change an input and every number and claim on the page is recomputed by the same model code that built it; sentences whose claim no longer holds are marked. The link in your address bar shares the page at your numbers.'
  const status = document.createElement('p')
  status.className = 'whatif-status'
  status.setAttribute('role', 'alert')
  const scenarioField = field(
    'whatif-scenario',
    'Start from a scenario',
    'The values of one of the article’s scenarios, to change further.',
  )
  const picker = document.createElement('select')
  picker.id = 'whatif-scenario'
  picker.setAttribute('aria-describedby', 'whatif-scenario-hint')
  for (const s of table.scenarioChoices) picker.append(new Option(s.label, s.name))
  scenarioField.control.append(picker)
  form.append(intro, scenarioField.wrapper)
  const controls = new Map<
    string,
    { element: HTMLInputElement | HTMLSelectElement; error: HTMLElement; input: TableInput }
  >()
  for (const input of table.inputs) {
    const id = `whatif-${input.id.replace(/[^a-z0-9]/gi, '-')}`
    const f = field(id, `${input.label} (${input.unit})`, hintOf(input))
    let element: HTMLInputElement | HTMLSelectElement
    if (input.choices) {
      element = document.createElement('select')
      for (const c of input.choices) element.append(new Option(c.label, String(c.value)))
    } else {
      element = document.createElement('input')
      element.type = 'text'
      element.inputMode = 'decimal'
      element.autocomplete = 'off'
      element.spellcheck = false
    }
    element.id = id
    element.name = input.id
    element.dataset.input = input.id
    const error = document.createElement('p')
    error.className = 'whatif-error'
    error.id = `${id}-error`
    element.setAttribute('aria-describedby', `${id}-hint ${id}-error`)
    f.control.append(element)
    f.wrapper.append(error)
    form.append(f.wrapper)
    controls.set(input.id, { element, error, input })
  }
  const extra = document.createElement('p')
  extra.className = 'whatif-extra'
  const reset = document.createElement('button')
  reset.type = 'button'
  reset.textContent = "Back to the article's numbers"
  form.append(extra, status, reset)
  body.replaceChildren(form)

  let current = new Map<string, number>()
  let change: (values: Map<string, number>) => void = () => {}
  const read = (): Map<string, number> | undefined => {
    const next = new Map(current)
    let ok = true
    for (const [id, { element, error, input }] of controls) {
      const text = element.value.trim().replace(/[,_\s]/g, '')
      const value = text === '' ? input.value : Number(text)
      const problem = text === '' ? undefined : engine.refuse(id, value)
      error.textContent = problem ?? ''
      element.setAttribute('aria-invalid', String(problem !== undefined))
      if (problem) ok = false
      else if (value === input.value) next.delete(id)
      else next.set(id, value)
    }
    return ok ? next : undefined
  }
  form.addEventListener('input', (event) => {
    if (event.target === picker) return
    const next = read()
    if (next) change(next)
  })
  form.addEventListener('submit', (event) => event.preventDefault())
  picker.addEventListener('change', () => {
    clearErrors()
    change(engine.scenarioValues(picker.value))
  })
  const clearErrors = () => {
    for (const { element, error } of controls.values()) {
      error.textContent = ''
      element.setAttribute('aria-invalid', 'false')
    }
  }
  const sync = (values: ReadonlyMap<string, number>) => {
    current = new Map(values)
    for (const [id, { element, input }] of controls) {
      if (element.getAttribute('aria-invalid') === 'true') continue
      const value = values.get(id) ?? input.value
      const text = String(value)
      if (
        element === document.activeElement &&
        Number(element.value.replace(/[,_\s]/g, '')) === value
      )
        continue
      element.value = text
    }
    const others = [...values].filter(([id]) => !controls.has(id))
    extra.textContent = others.length
      ? `Also set (from the URL or a scenario): ${others.map(([id, v]) => `${id} = ${v}`).join(', ')}.`
      : ''
    if (values.size === 0) picker.value = table.defaultScenario
  }
  return {
    onChange: (f: (values: Map<string, number>) => void) => {
      change = f
    },
    onReset: (f: () => void) => reset.addEventListener('click', f),
    status: (message: string) => {
      status.textContent = message ? `Not applied: ${message}` : ''
    },
    sync,
    clearErrors,
    focus: (id: string) => controls.get(id)?.element.focus(),
  }
}

function hintOf(input: TableInput): string {
  const c = input.constraint
  const range: string[] = []
  if (c?.oneOf) range.push(`one of ${c.oneOf.join(', ')}`)
  else {
    if (c?.min !== undefined)
      range.push(c.min === Number.MIN_VALUE ? 'above 0' : `at least ${c.min}`)
    if (c?.max !== undefined) range.push(`at most ${c.max}`)
    if (c?.integer) range.push('a whole number')
  }
  const article = formatNumber(input.value, input.format)
  return `Article: ${article}. Source: ${input.source === 'author' ? "the author's estimate" : input.source}. Accepted: ${range.join(', ') || 'any number'}.`
}

function field(id: string, label: string, hint: string) {
  const wrapper = document.createElement('div')
  wrapper.className = 'whatif-field'
  const labelElement = document.createElement('label')
  labelElement.htmlFor = id
  labelElement.textContent = label
  const control = document.createElement('div')
  control.className = 'whatif-control'
  const hintElement = document.createElement('p')
  hintElement.className = 'whatif-hint'
  hintElement.id = `${id}-hint`
  hintElement.textContent = hint
  wrapper.append(labelElement, control, hintElement)
  return { wrapper, control }
}
