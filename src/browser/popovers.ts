/**
 * The popovers while the page shows the reader's numbers: each one's values recomputed when it
 * opens (and all of them before printing, where they are the appendix), its interval marked as
 * the article's and its scenario line and `npm run explain` command carrying the reader's values.
 */
import { figuresOf } from '../expr/figures.ts'
import { formatWithUnit, substituteFormula } from '../format/figure.ts'
import { dependencyClosure, type Evaluation } from '../model/evaluate.ts'
import type { PageTable } from '../whatif/types.ts'
import type { PageState } from './engine.ts'

/**
 * The parts of each popover that show values: what the number is, the formula with values, the
 * list of inputs, the interval and the scenario line. Each popover is shared by identical numbers; the first one describes it.
 * A popover is brought up to date when it opens (and all of them before printing, where they
 * are the appendix), so a change costs nothing for the hundreds nobody is looking at.
 */
export function popoverSlots(numbers: HTMLElement[], table: PageTable) {
  interface Slot {
    readonly n: number
    readonly popover: HTMLElement
    readonly what: Text | undefined
    readonly values: HTMLElement | null
    readonly items: readonly Text[]
    readonly interval: HTMLElement | null
    /** The scenario line's text and its `npm run explain` command. */
    readonly scenario: Text | undefined
    readonly explain: HTMLElement | null
    readonly original: readonly string[]
    /** The state it shows (undefined: the author's). */
    shows: PageState | undefined
  }
  const slots: Slot[] = []
  const seen = new Set<string>()
  let latest: Extract<PageState, { ok: true }> | undefined
  let latestValues: ReadonlyMap<string, number> = new Map()
  for (const [n, button] of numbers.entries()) {
    const id = button?.getAttribute('popovertarget')
    const popover = id ? document.getElementById(id) : null
    if (!id || !popover || seen.has(id)) continue
    // A figure's popover for every scenario has no one value to follow: its lines go stale.
    if (popover.classList.contains('prov-by-scenario')) continue
    seen.add(id)
    const what = popover.querySelector('.prov-what')?.lastChild
    const values = popover.querySelector<HTMLElement>('.prov-values')
    const items = [...popover.querySelectorAll('.prov-inputs li')]
      .map((li) => li.firstChild)
      .filter((t): t is Text => t instanceof Text)
    const interval = popover.querySelector<HTMLElement>('.prov-interval')
    const scenario = scenarioText(popover.querySelector('.prov-meta'))
    const explain = popover.querySelector<HTMLElement>('.prov-meta code')
    const slot: Slot = {
      n,
      popover,
      what: what instanceof Text ? what : undefined,
      values,
      items,
      interval,
      scenario,
      explain,
      original: [
        what?.textContent ?? '',
        values?.textContent ?? '',
        interval?.textContent ?? '',
        scenario?.textContent ?? '',
        explain?.textContent ?? '',
        ...items.map((t) => t.textContent ?? ''),
      ],
      shows: undefined,
    }
    slots.push(slot)
    popover.addEventListener('beforetoggle', (event) => {
      if ((event as ToggleEvent).newState === 'open') update(slot)
    })
  }
  const update = (slot: Slot) => {
    if (slot.shows === latest) return
    slot.shows = latest
    const entry = table.numbers[slot.n]
    const evaluation =
      latest && entry ? latest.evaluations.get(table.scenarios[entry.s] ?? '') : undefined
    if (!latest || !entry || !evaluation) {
      const parts = [slot.what, slot.values, slot.interval, slot.scenario, slot.explain]
      parts.forEach((part, i) => {
        if (part) part.textContent = slot.original[i] ?? ''
      })
      slot.items.forEach((text, i) => {
        text.textContent = slot.original[i + parts.length] ?? ''
      })
      return
    }
    if (slot.interval)
      slot.interval.textContent = `Shown for the article's numbers, not yours: ${slot.original[2] ?? ''}`
    // `Scenario: Spot · ` → `Scenario: Spot, at your numbers · `; none (the page's own) → `At
    // your numbers · `.
    if (slot.scenario) {
      const line = slot.original[3] ?? ''
      slot.scenario.textContent = line
        ? line.replace(/ · $/, ', at your numbers · ')
        : 'At your numbers · '
    }
    if (slot.explain)
      slot.explain.textContent = [
        slot.original[4] ?? '',
        ...[...latestValues].map(([id, v]) => `--set ${id}=${v}`),
      ].join(' ')
    if (slot.what) slot.what.textContent = `: ${latest.texts[slot.n] ?? ''}`
    const figure = typeof entry.e === 'string' ? entry.e : undefined
    if (slot.values) slot.values.textContent = valuesLine(evaluation, figure, entry.e)
    const leaves = inputIds(evaluation, figure, entry.e)
    slot.items.forEach((text, i) => {
      const id = leaves[i]
      if (id) text.textContent = inputLine(evaluation, id)
    })
  }
  window.addEventListener('beforeprint', () => {
    for (const slot of slots) update(slot)
  })
  const render = (
    state: Extract<PageState, { ok: true }>,
    active: boolean,
    values: ReadonlyMap<string, number>,
  ) => {
    latest = active ? state : undefined
    latestValues = values
    for (const slot of slots) if (slot.popover.matches(':popover-open')) update(slot)
  }
  return { render }
}

/** The figures a page number's expression names (a bare id names itself). */
const figuresIn = (e: PageTable['numbers'][number]['e']): string[] =>
  typeof e === 'string' ? [e] : figuresOf(e)

/** The popover's values line, as rehype-provenance writes it. */
function valuesLine(
  evaluation: Evaluation,
  figure: string | undefined,
  e: PageTable['numbers'][number]['e'],
): string {
  if (figure) {
    const p = evaluation.figure(figure).provenance
    return p.kind === 'derived' ? `= ${substituteFormula(p.formula, evaluation)}` : ''
  }
  const values = figuresIn(e)
    .filter((f) => evaluation.has(f))
    .map((f) => `${f} = ${formatWithUnit(evaluation.figure(f))}`)
  return `where ${values.join('; ')}`
}

function inputIds(
  evaluation: Evaluation,
  figure: string | undefined,
  e: PageTable['numbers'][number]['e'],
): string[] {
  return dependencyClosure(evaluation, figuresIn(e)).filter(
    (id) => evaluation.figure(id).provenance.kind === 'input' && id !== figure,
  )
}

function inputLine(evaluation: Evaluation, id: string): string {
  const figure = evaluation.figure(id)
  const p = figure.provenance
  const changed = p.kind === 'input' && p.overridden ? ' (changed)' : ''
  return `${figure.label}: ${formatWithUnit(figure)}${changed} (`
}

/**
 * The text that opens a popover's last line: the scenario (`Scenario: Spot · `), or, for the
 * page's own scenario, which it leaves unnamed, an empty text put there for the reader's case.
 */
function scenarioText(meta: Element | null): Text | undefined {
  if (!meta) return undefined
  if (meta.firstChild instanceof Text) return meta.firstChild
  const text = document.createTextNode('')
  meta.prepend(text)
  return text
}
