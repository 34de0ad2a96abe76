/**
 * Computed numbers as page elements. `showNumber` is the one way a number reaches the page: it
 * records the number on the file (figures.json) and returns its element, which carries the same
 * record in its hast `data` for the provenance stage. The element's attributes are only hooks
 * for readers' tools and tests (`data-figure`; `data-scenario` when the number is under another
 * scenario than the page's); nothing reads them back.
 */
import type { Element, ElementContent } from 'hast'
import { h } from 'hastscript'
import type { VFile } from 'vfile'
import type { Bibliography } from '../citations/types.ts'
import { unitSuffix } from '../format/figure.ts'
import { formatNumber } from '../format/number.ts'
import { keptWith } from '../memo.ts'
import type { ShownNumber } from './records.ts'
import type { ModelSession } from './session.ts'

declare module 'hast' {
  interface ElementData {
    /** The computed number this element shows. */
    shown?: ShownNumber
  }
}

/** Records `record` as shown on the page and returns its element. */
export function showNumber(file: VFile, record: ShownNumber): Element {
  file.data.shown ??= []
  file.data.shown.push(record)
  // The node h('span', { dataFigure, dataScenario }, [formatted]) makes, written out: a page
  // shows ~400 numbers, and hastscript's property lookups took ~1.5 ms of every page.
  return {
    type: 'element',
    tagName: 'span',
    properties: { dataFigure: record.expression, dataScenario: record.scenario },
    children: [{ type: 'text', value: record.formatted }],
    data: { shown: record },
  }
}

/**
 * Records of figures at no place in the text, by session, scenario and id: the generated tables
 * show each figure under every scenario on every page, and formatting it again each time was
 * ~0.4 ms a page. A record is never changed once made, so the pages share it.
 */
const placeless = keptWith((_session: ModelSession) => new Map<string, ShownNumber>())

/** How a model figure is shown: its own format, optionally followed by its unit. */
export function figureRecord(
  session: ModelSession,
  id: string,
  scenario: string,
  options: { withUnit?: boolean; line?: number; column?: number } = {},
): ShownNumber {
  if (options.line !== undefined || options.column !== undefined || options.withUnit)
    return makeRecord(session, id, scenario, options)
  const known = placeless(session)
  const key = `${scenario}\u0000${id}`
  let record = known.get(key)
  if (!record) {
    record = makeRecord(session, id, scenario, options)
    known.set(key, record)
  }
  return record
}

function makeRecord(
  session: ModelSession,
  id: string,
  scenario: string,
  options: { withUnit?: boolean; line?: number; column?: number },
): ShownNumber {
  const figure = session.evaluation(scenario).evaluation.figure(id)
  const suffix = options.withUnit ? unitSuffix(figure.unit) : ''
  return {
    expression: id,
    figure: id,
    scenario,
    value: figure.value,
    unit: figure.unit,
    format: figure.format,
    suffix,
    formatted: formatNumber(figure.value, figure.format) + suffix,
    figures: [id],
    line: options.line ?? 0,
    column: options.column ?? 0,
  }
}

/** A source: a link to its reference-list entry when the bibliography has it, else its key. */
export function citation(source: string, bibliography: Bibliography | undefined): ElementContent {
  return bibliography?.has(source) === true
    ? h('a', { href: bibliography.href(source) }, [bibliography.label(source)])
    : { type: 'text', value: source }
}
