/**
 * What counts as a number typed by hand, and the numbers prose may contain: names (Llama 2,
 * GPT-4), years, section numbers and quoted identifiers. Data, in one place: to allow a new kind
 * of name, add a row here (the lint's tests read this table).
 */

/** A kind of number that is allowed in prose. */
export interface AllowedNumberRule {
  /** What the rule allows, for people. */
  readonly name: string
  /** A regular expression (source) matching the allowed text, number included. */
  readonly pattern: string
  /** Only at the start of a heading's text (section numbers), or anywhere. */
  readonly where?: 'heading-start'
  /** Text the rule allows, for the tests. */
  readonly examples: readonly string[]
}

// Characters beyond ASCII are written as \u escapes (€ \u20ac, £ \u00a3, × \u00d7, quotes
// \u201c \u201d \u2018 \u2019): the compiled command line then stays ASCII, which starts faster
// (bin/bundle.mjs). A rule written with the characters themselves works as well.

/** A number as the lint sees it: optional currency, digits with separators, a unit suffix. */
export const TYPED_NUMBER_PATTERN = String.raw`(?<![\w.\d])[$\u20ac\u00a3]?\d(?:[\d,]*\d)?(?:\.\d+)?(?::\d+)*(?:[%\u00d7x]|[KMBT](?![a-z]))?`

/** The allowed numbers. */
export const ALLOWED_NUMBER_RULES: readonly AllowedNumberRule[] = [
  {
    name: 'year',
    pattern: String.raw`(?<![$\u20ac\u00a3\d.,])\b(?:19|20)\d\d\b(?![.,]?\d)`,
    examples: ['2023', 'in 2025'],
  },
  {
    name: 'model or product name',
    pattern: String.raw`\b(?:Llama|GPT|Claude|Gemini|PaLM)[ -]\d+(?:\.\d+)?\b`,
    examples: ['Llama 2', 'GPT-4'],
  },
  {
    name: 'numbered part of a text or series',
    pattern: String.raw`\b(?:Part|Case|Component|Section|Chapter|Figure|Table|Appendix|Step|Phase|Iteration) \d+(?:\.\d+)*\b`,
    examples: ['Part 1', 'Case 2', 'Component 3', 'Section 2.1'],
  },
  {
    name: 'section number',
    pattern: String.raw`^\d+(?:\.\d+)*\.?(?=\s)`,
    where: 'heading-start',
    examples: ['1. Temporal Efficiency'],
  },
  {
    name: 'quantile of a distribution',
    pattern: String.raw`\b\d{1,2}% (?:value|quantile|percentile|interval)s?\b`,
    examples: ['its 95% value', 'a 90% interval'],
  },
  {
    name: 'clock time',
    pattern: String.raw`\b(?:[01]?\d|2[0-3]):[0-5]\d\b(?!:)`,
    examples: ['10:30'],
  },
  {
    name: 'quoted identifier',
    pattern: String.raw`["\u201c'\u2018][A-Za-z][\w.-]*\d[\w.-]*["\u201d'\u2019]`,
    examples: ['"p4d.24xlarge"', '“M2”'],
  },
]
