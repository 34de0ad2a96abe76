/**
 * Provenance on every number. Each computed number (an element carrying its ShownNumber record)
 * becomes a button that opens a popover (the HTML `popover` attribute: click, keyboard and touch
 * work without JavaScript) saying what it is, its formula with the values substituted, the
 * inputs it rests on with their sources, the scenario, and where to find it in figures.json.
 * Popovers are shared by identical numbers and collected at the end of the article, where print
 * shows them as an appendix of derivations. Everything comes from the record and the model.
 */
import type { Element, ElementContent, Root } from 'hast'
import { toHtml } from 'hast-util-to-html'
import { h } from 'hastscript'
import type { VFile } from 'vfile'
import type { Bibliography } from '../citations/types.ts'
import { formatWithUnit, substituteFormula, symbolicFormula } from '../format/figure.ts'
import { formatInterval } from '../format/interval.ts'
import { formatNumber } from '../format/number.ts'
import { keptWith } from '../memo.ts'
import { dependencyClosure, type Evaluation } from '../model/index.ts'
import { citation } from './figure-element.ts'
import { writeHtml } from './html-writer.ts'
import type { ShownNumber } from './records.ts'
import { scenarioPopover } from './scenario-popover.ts'
import type { ModelSession } from './session.ts'
import { sparkline } from './sparkline.ts'
import { walkElements } from './walk-elements.ts'

/** Options of the plugin. */
export interface ProvenanceOptions {
  readonly session: ModelSession
  readonly bibliography?: Bibliography | undefined
  /** Ids of the page's inputs tables by scenario (set by the plugin from the file). */
  inputsTables?: Readonly<Record<string, string>> | undefined
  /** Whether the page lists the scenarios (`::scenario-list`), so popovers can link to one. */
  scenarioListed?: boolean | undefined
}

/** A popover as HTML, its id written as POPOVER_ID, and its scenario lines' ids (grouped ones). */
interface Rendered {
  readonly html: string
  readonly lines: ReadonlyMap<string, string> | undefined
}

/** Stands for a popover's id in its HTML until a page gives it one (a private-use character). */
const POPOVER_ID = '\u{E000}'

/** A popover on the page: its id, and its HTML. */
interface Placed {
  readonly id: string
  readonly rendered: Rendered
}

/**
 * Popovers as HTML by everything they show (the records without their places in the source, the
 * page's tables and scenario list), for a session and bibliography: pages of a site show many of
 * the same numbers, a rebuild under `npm run dev` shows them again (both stay the same objects
 * while unchanged), and the popovers are half a page's tree.
 */
const renderedPopovers = keptWith((_session: ModelSession) =>
  keptWith((_bibliography: object) => new Map<string, Rendered>()),
)
const NO_BIBLIOGRAPHY = {}

function renderedFor(
  session: ModelSession,
  bibliography: Bibliography | undefined,
): Map<string, Rendered> {
  return renderedPopovers(session)(bibliography ?? NO_BIBLIOGRAPHY)
}

/** The unified plugin. */
export default function rehypeProvenance(options: ProvenanceOptions) {
  const rendered = renderedFor(options.session, options.bibliography)
  const render = (what: unknown, make: (id: string) => Element): Rendered => {
    const key = JSON.stringify(what)
    let found = rendered.get(key)
    if (!found) {
      const element = make(POPOVER_ID)
      found = { html: writeHtml([element]), lines: element.data?.scenarioLines }
      rendered.set(key, found)
    }
    return found
  }
  return (tree: Root, file: VFile): void => {
    const popovers = new Map<string, Placed>()
    const numbers: Array<[Element, ShownNumber]> = []
    // The title (taken out of the body by rehype-title) shares the body's popovers.
    const title = file.data.titleElement
    for (const root of title ? [title, tree] : [tree]) {
      walkElements(root, (node) => {
        if (node.data?.shown) numbers.push([node, node.data.shown])
      })
    }
    const popoverOptions = {
      ...options,
      inputsTables: file.data.inputsTables,
      scenarioListed: (file.data.generatedSlots ?? []).some((g) => g.kind === 'scenario-list'),
    }
    const page = [popoverOptions.inputsTables ?? {}, popoverOptions.scenarioListed]
    // The page table of the "Try your own numbers" panel (src/whatif) lists the numbers in this
    // order, which is the page's order of `[data-figure]` elements (the title's come first).
    file.data.pageNumbers = numbers.map(([, record]) => record)
    const byScenario = new Map<string, ShownNumber[]>()
    for (const [, r] of numbers)
      if (r.byScenario && r.figure !== undefined)
        byScenario.set(r.figure, [...(byScenario.get(r.figure) ?? []), r])
    for (const [node, record] of numbers) {
      if (record.explainedBeside) {
        node.properties = { dataFigure: record.expression }
        continue
      }
      const grouped = record.byScenario === true && record.figure !== undefined
      // One popover per number, however it is printed: `$280`, `$279.74` and `$279.74 total`
      // share it, and it says what it is as first printed.
      const key = grouped
        ? `\u0000${record.figure}`
        : `${record.scenario}\u0000${record.expression}`
      let popover = popovers.get(key)
      if (!popover) {
        const figure = record.figure as string
        const records = byScenario.get(figure) ?? []
        popover = {
          id: `prov-${popovers.size + 1}`,
          rendered: grouped
            ? render(['scenarios', figure, records.map(unplaced), page], (id) =>
                scenarioPopover(
                  id,
                  figure,
                  records,
                  options.session,
                  popoverOptions.scenarioListed,
                  options.bibliography,
                ),
              )
            : render(['number', unplaced(record), page], (id) =>
                provenancePopover(id, record, popoverOptions),
              ),
        }
        popovers.set(key, popover)
      }
      const id = popover.id
      // No `type`: a figure never sits in a form, and 7 KB of `type="button"` bought nothing.
      // No index attribute either: the what-if panel counts `[data-figure]` in page order.
      node.tagName = 'button'
      node.properties = {
        // `data-figure` is the hook; a `figure` class beside it on 500 numbers was 7 KB.
        className: record.plain ? ['figure-plain'] : undefined,
        dataFigure: record.expression,
        // Absent for the page's own scenario (most numbers): a third fewer bytes per button.
        dataScenario:
          record.scenario === options.session.defaultScenario ? undefined : record.scenario,
        popoverTarget: id,
        ariaDescribedBy: [grouped ? lineId(popover, record.scenario) : `${id}-what`],
      }
    }
    if (title) file.data.titleArticleHtml = toHtml(title.children)
    if (popovers.size === 0) return
    tree.children.push(
      h('section', { className: ['provenance-store'], ariaLabelledBy: 'how-computed' }, [
        h('h2', { id: 'how-computed', className: ['print-only'] }, [
          'How each number was computed',
        ]),
        h('p', { className: ['print-only'] }, [
          `Under the scenario ${options.session.scenarioLabel(options.session.defaultScenario)} unless a number names another.`,
        ]),
        ...[...popovers.values()].map(
          ({ id, rendered }) =>
            ({ type: 'raw', value: rendered.html.replaceAll(POPOVER_ID, id) }) as ElementContent,
        ),
      ]),
    )
  }
}

/** A record without its place in the source, which no popover shows. */
const unplaced = ({ line: _line, column: _column, ...shown }: ShownNumber) => shown

/** The id of the line of a grouped popover that explains `scenario`. */
function lineId(popover: Placed, scenario: string): string {
  const id = popover.rendered.lines?.get(scenario)
  if (id === undefined) throw new Error(`no line for ${scenario} in #${popover.id}`)
  return id.replaceAll(POPOVER_ID, popover.id)
}

function provenancePopover(id: string, record: ShownNumber, options: ProvenanceOptions): Element {
  const evaluation = options.session.evaluation(record.scenario).evaluation
  const single = record.figure
  const body: ElementContent[] = single
    ? figureParagraphs(single, evaluation, record.formatted, id)
    : expressionParagraphs(record, evaluation, id, options.session)
  if (record.scenario === options.session.defaultScenario)
    body.push(...spread(record, options.session))
  const singleProvenance = single ? evaluation.figure(single).provenance : undefined
  if (singleProvenance?.kind === 'input')
    body.push(
      h('p', { className: ['prov-source'] }, [
        'Source: ',
        citation(singleProvenance.source, options.bibliography),
      ]),
    )
  const leaves = inputsOf(record.figures, evaluation).filter((input) => input !== single)
  if (leaves.length > 0)
    body.push(...inputsParagraphs(leaves, record.scenario, evaluation, options))
  // The page's own scenario goes unsaid (the store's heading and the page footer name it).
  const scenario =
    record.scenario === options.session.defaultScenario
      ? []
      : [`Scenario: ${options.session.scenarioLabel(record.scenario)} · `]
  body.push(
    h('p', { className: ['prov-meta'] }, [
      ...scenario,
      h('code', [`npm run explain -- ${single ?? record.figures[0] ?? record.expression}`]),
    ]),
  )
  return h(
    'div',
    {
      id,
      popover: '', // the empty value is `auto`
      className: ['provenance'],
      role: 'dialog',
      // Named by what the number is ("M2 prompt generations: 3,471"), the line a button's
      // description already points at.
      ariaLabelledBy: `${id}-what`,
    },
    body,
  )
}

/** What a model figure is: its label, then its formula with values, or the input's note. */
function figureParagraphs(
  id: string,
  evaluation: Evaluation,
  shownText: string,
  popoverId: string,
): ElementContent[] {
  const figure = evaluation.figure(id)
  const what = h('p', { id: `${popoverId}-what`, className: ['prov-what'] }, [
    h('strong', [figure.label]),
    ': ',
    shownText,
  ])
  const p = figure.provenance
  if (p.kind === 'input') {
    const changed = p.overridden ? ' Changed by the scenario or a --set.' : ''
    return [what, h('p', [`A model input. ${p.note}.${changed}`.replace('..', '.')])]
  }
  return [
    what,
    h('p', { className: ['prov-formula'] }, [h('code', [`${id} = ${symbolicFormula(p.formula)}`])]),
    h('p', { className: ['prov-values'] }, [`= ${substituteFormula(p.formula, evaluation)}`]),
  ]
}

/** What an expression over figures is: the expression, and the values it read. */
function expressionParagraphs(
  record: ShownNumber,
  evaluation: Evaluation,
  popoverId: string,
  session: ModelSession,
): ElementContent[] {
  const values = record.figures
    .filter((f) => evaluation.has(f))
    .map((f) => `${f} = ${formatWithUnit(evaluation.figure(f))}`)
  return [
    h('p', { id: `${popoverId}-what`, className: ['prov-what'] }, [
      h('strong', [expressionName(record, evaluation, session)]),
      ': ',
      record.formatted,
    ]),
    h('p', { className: ['prov-formula'] }, [h('code', [record.expression])]),
    ...(values.length
      ? [h('p', { className: ['prov-values'] }, [`where ${values.join('; ')}`])]
      : []),
  ]
}

/** Rounding functions as words, for naming `floor(ratio.realistic)` "…, rounded down". */
const roundingWords: Readonly<Record<string, string>> = {
  floor: 'rounded down',
  ceil: 'rounded up',
  round: 'rounded',
}

/**
 * What an expression is, named from its figures: `floor(ratio.realistic)` is "Realistic ratio,
 * rounded down", `scenario("spot", x)` is x's label "under Spot instances", and anything else
 * "From <label> and <label>". Only the expression's shape is read, never run.
 */
function expressionName(
  record: ShownNumber,
  evaluation: Evaluation,
  session: ModelSession,
): string {
  const labels = record.figures
    .filter((f) => evaluation.has(f))
    .map((f) => evaluation.figure(f).label)
  const [first] = labels
  if (first === undefined) return 'Computed'
  const e = record.expression.replace(/\s+/g, '')
  const only = record.figures[0] ?? ''
  const rounding = /^(floor|ceil|round)\(([\w.]+)\)$/.exec(e)
  if (rounding && rounding[2] === only)
    return `${first}, ${roundingWords[rounding[1] ?? ''] ?? 'rounded'}`
  const scenario = /^scenario\("([\w-]+)",([\w.]+)\)$/.exec(e)
  if (scenario && scenario[2] === only && labels.length === 1)
    return `${first}, under ${session.scenarioLabel(scenario[1] ?? '')}`
  if (labels.length === 1) return `From ${first}`
  const list =
    labels.length === 2
      ? `${labels[0]} and ${labels[1]}`
      : `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}`
  return `From ${list}`
}

/**
 * The number's spread over the input ranges: its 90% interval and a sparkline of the draws, for
 * model figures that move at all (an input's own range is named in its note).
 */
function spread(record: ShownNumber, session: ModelSession): ElementContent[] {
  const id = record.figure
  if (!id) return record.interval ? [intervalLine(record.interval.formatted, session)] : []
  const sample = session.uncertainty(record.scenario)
  // Most figures rest on no drawn input: nothing to sort.
  if (!sample.varies(id)) return []
  const ranked = sample.ranked(id)
  const p5 = ranked.at(0.05)
  const p95 = ranked.at(0.95)
  if (!(p95 > p5)) return []
  const interval = formatInterval(p5, p95, record.format)
  return [intervalLine(interval, session), sparkline(ranked, record.value)]
}

function intervalLine(interval: string, session: ModelSession): Element {
  return h('p', { className: ['prov-interval'] }, [
    `90% interval over the input ranges: ${interval} (${formatNumber(session.sampling.samples, 'int')} draws)`,
  ])
}

/**
 * The inputs a number rests on. A few are listed; more are counted and linked to the page's
 * inputs table (listed once, not in each of eighty popovers), with any the scenario changed
 * listed here because the table shows the published values.
 */
function inputsParagraphs(
  leaves: readonly string[],
  scenario: string,
  evaluation: Evaluation,
  options: ProvenanceOptions,
): ElementContent[] {
  const item = (input: string) => inputItem(input, evaluation, options.bibliography)
  const list = (inputs: readonly string[]) =>
    h('ul', { className: ['prov-inputs'] }, inputs.map(item))
  const tables = options.inputsTables ?? {}
  const tableId = tables[scenario] ?? tables[options.session.defaultScenario]
  if (leaves.length <= 2 || tableId === undefined)
    return [h('p', { className: ['prov-label'] }, ['Inputs']), list(leaves)]
  const rests = h('p', { className: ['prov-label'] }, [
    `Rests on ${leaves.length} model inputs, listed in `,
    h('a', { href: `#${tableId}` }, ['the inputs table']),
    ...(tables[scenario] === undefined && options.scenarioListed
      ? [
          '; ',
          h('a', { href: `#scenario-${scenario}` }, ['the scenario']),
          ' changes some of them.',
        ]
      : ['.']),
  ])
  return [rests]
}

/** The model inputs a set of figures rests on, in model order. */
function inputsOf(ids: readonly string[], evaluation: Evaluation): string[] {
  return dependencyClosure(evaluation, ids).filter(
    (id) => evaluation.figure(id).provenance.kind === 'input',
  )
}

function inputItem(
  id: string,
  evaluation: Evaluation,
  bibliography: Bibliography | undefined,
): Element {
  const figure = evaluation.figure(id)
  const p = figure.provenance
  const cite = citation(p.kind === 'input' ? p.source : '', bibliography)
  const changed = p.kind === 'input' && p.overridden ? ' (changed)' : ''
  return h('li', [`${figure.label}: ${formatWithUnit(figure)}${changed} (`, cite, ')'])
}
