/**
 * The catalog of content diagnostics: every reason and hint the pipeline reports, phrased
 * "Unexpected X, expected Y". Tests compare against these functions, not copied strings.
 */

const code = (text: string) => `\`${text}\``

const percent = (share: number) => `${Math.round(share * 1000) / 10}%`

const siteHint = 'content/site.yaml takes title, description and seriesBaseUrl (an absolute URL)'

/** The command line's messages. */
export const cliMessages = {
  unknownCommand: (name: string, known: readonly string[]) => ({
    reason: `Unexpected command ${code(name)}, expected one of: ${known.join(', ')}`,
    hint: 'for example `npm run build` or `npm run figures -- --json`',
  }),
  badArguments: (detail: string, flags: readonly string[]) => ({
    reason: detail,
    hint: `known options: ${flags.join(', ')}`,
  }),
  badWholeNumber: (flag: string, text: string, min: number) => ({
    reason: `Unexpected ${code(`${flag} ${text}`)}, expected a whole number from ${min}`,
    hint: `for example \`${flag} ${flag === '--seed' ? 7 : 1000}\``,
  }),
  badPort: (port: string) => ({
    reason: `Unexpected port ${code(port)}, expected a number from 1 to 65535`,
    hint: 'for example `npm run dev -- --port 8081`',
  }),
  explainArguments: () => ({
    reason: 'Unexpected arguments, expected exactly one figure id',
    hint: 'for example `npm run explain -- synthetic.total`',
  }),
  unknownFigure: (id: string, suggestion: string | undefined) => ({
    reason: `Unknown figure ${code(id)}`,
    hint: suggestion
      ? `did you mean ${code(suggestion)}?`
      : 'run `npm run figures` to list the figures',
  }),
  modelCompile: (detail: string) => ({
    reason: detail,
    hint: 'the page keeps its last good numbers until the model compiles again',
  }),
  modelExport: () => ({
    reason: 'Unexpected model module without `articleCostModel`, expected it exported',
    hint: 'src/model/index.ts exports the article’s CostModel as `articleCostModel`',
  }),
} as const

/** Reasons and hints, by rule id. */
export const messages = {
  unknownDirective: (name: string, marker: string, suggestion: string | undefined) => ({
    reason: `Unexpected unknown directive ${code(marker + name)}, expected one of the known directives`,
    hint: suggestion ? `did you mean ${code(marker + suggestion)}?` : undefined,
  }),
  wrongDirectiveKind: (name: string, marker: string, expected: string) => ({
    reason: `Unexpected ${code(marker + name)}, expected ${code(expected + name)}`,
    hint: `${code(name)} is written ${code(expected + name)}`,
  }),
  unknownAttribute: (
    directive: string,
    attribute: string,
    known: readonly string[],
    suggestion: string | undefined,
  ) => ({
    reason: `Unexpected attribute ${code(attribute)} on ${code(directive)}, expected ${known.length ? known.map(code).join(', ') : 'no attributes'}`,
    hint: suggestion ? `did you mean ${code(suggestion)}?` : undefined,
  }),
  missingAttribute: (directive: string, attribute: string, example: string) => ({
    reason: `Unexpected ${code(directive)} without ${code(attribute)}, expected ${code(`${attribute}="…"`)}`,
    hint: `for example ${code(example)}`,
  }),
  unknownFormat: (format: string, named: readonly string[]) => ({
    reason: `Unexpected format ${code(format)}, expected a named format or a d3-format specifier`,
    hint: `named formats: ${named.join(', ')}; or a d3-format specifier such as ${code(',.2f')} or ${code('$.3s')}`,
  }),
  expectedNumber: (expression: string) => ({
    reason: `Unexpected true/false value of ${code(expression)}, expected a number`,
    hint: 'comparisons belong in `:check[…]`; `:val[…]` shows a number',
  }),
  expectedBoolean: (expression: string) => ({
    reason: `Unexpected number from ${code(expression)}, expected a claim that is true or false`,
    hint: 'compare it with something, for example `ratio.conservative > 10`',
  }),
  claimFails: (expression: string, scenario: string, values: string) => ({
    reason: `Unexpected false claim ${code(expression)} under scenario ${code(scenario)}, expected it to hold`,
    hint: values,
  }),
  claimUnlikely: (expression: string, probability: number, required: number, samples: number) => ({
    reason: `Unexpected ${code(expression)} holding in ${percent(probability)} of draws, expected at least ${percent(required)}`,
    hint: `over ${samples} draws of the input ranges; \`npm run figures -- --uncertainty\` shows the intervals`,
  }),
  invalidProbability: (value: string) => ({
    reason: `Unexpected ${code(`p=${value}`)}, expected a probability from 0 to 1`,
    hint: 'for example `p=0.9`: the claim must hold in at least 90% of draws',
  }),
  unknownFunction: (fn: string, suggestion: string | undefined) => ({
    reason: `Unexpected unknown model function ${code(fn)}, expected an exported function of src/model/formulas.ts`,
    hint: suggestion ? `did you mean ${code(suggestion)}?` : undefined,
  }),
  invalidCall: (call: string, known: readonly string[]) => ({
    reason: `Unexpected ${code(`call="${call}"`)}, expected one of ${known.join(', ')}`,
    hint: undefined,
  }),
  listingMismatch: (fn: string, detail: string) => ({
    reason: `Unexpected result of ${code(fn)}, expected the model's own value: ${detail}`,
    hint: 'the listed function and the model compute the same figure; change both together',
  }),
  frontmatterYaml: (detail: string) => ({
    reason: `Unexpected front matter: ${detail}`,
    hint: 'front matter is YAML between two `---` lines',
  }),
  frontmatterField: (path: string, detail: string, suggestion: string | undefined) => ({
    reason: `Unexpected front matter ${code(path)}: ${detail}`,
    hint: suggestion
      ? `did you mean ${code(suggestion)}?`
      : 'allowed keys: title, date, summary, tags, authors, image, slug',
  }),
  frontmatterMissing: () => ({
    reason: 'Unexpected file without front matter, expected YAML with at least `title` and `date`',
    hint: 'start the file with `---`, `title: …`, `date: YYYY-MM-DD`, `---`',
  }),
  templateHint: 'check the variable names against the page context in src/render/page.ts',
  siteHint,
  missingChartSpec: (src: string, suggestion: string | undefined) => ({
    reason: `Unexpected missing chart spec ${code(src)}, expected a file in content/charts/`,
    hint: suggestion
      ? `did you mean ${code(suggestion)}?`
      : 'chart specs live in content/charts/<name>.vl.json',
  }),
  unknownDataset: (name: string, src: string, suggestion: string | undefined) => ({
    reason: `Unexpected unknown dataset ${code(name)} in ${code(src)}, expected a dataset the model provides`,
    hint: suggestion ? `did you mean ${code(suggestion)}?` : 'datasets are defined by the model',
  }),
  unknownInputIn: (id: string, attribute: string, suggestion: string | undefined) => ({
    reason: `Unexpected unknown input ${code(id)} in ${code(attribute)}, expected an input id`,
    hint: suggestion
      ? `did you mean ${code(suggestion)}?`
      : 'run `npm run figures` to list the inputs',
  }),
  derivedInputIn: (id: string, attribute: string, dependencies: readonly string[]) => ({
    reason: `Unexpected computed figure ${code(id)} in ${code(attribute)}, expected an input a reader can change`,
    hint: `offer inputs it is computed from: ${dependencies.slice(0, 6).join(', ')}${dependencies.length > 6 ? ', …' : ''}`,
  }),
  emptyInputs: () => ({
    reason: 'Unexpected empty `inputs`, expected input ids separated by spaces',
    hint: 'leave out `::whatif` for the default inputs',
  }),
  secondWhatif: () => ({
    reason: 'Unexpected second `::whatif`, expected one per page',
    hint: 'list every input the panel offers in one `::whatif{inputs="…"}`',
  }),
  unknownFigureIn: (id: string, attribute: string, suggestion: string | undefined) => ({
    reason: `Unexpected unknown figure ${code(id)} in ${code(attribute)}, expected a figure id`,
    hint: suggestion ? `did you mean ${code(suggestion)}?` : undefined,
  }),
  siteYaml: (detail: string) => ({
    reason: `Unexpected YAML: ${detail}`,
    hint: siteHint,
  }),
  siteSetting: (path: string, detail: string) => ({
    reason: `Unexpected site setting ${code(path)}: ${detail}`,
    hint: siteHint,
  }),
  /** Hints for expression errors that come without one. */
  exprHints: {
    'expr-syntax':
      'expressions combine figure ids and numbers with + - * / ( ), comparisons, and/or/not, and min, max, round, floor, ceil, abs, scenario("name", …)',
    'unit-mismatch':
      'convert one side first: GPU·h × price.gpuHour gives USD, USD ÷ USD gives a ratio; `npm run figures` lists each unit',
    'division-by-zero':
      'the divisor is zero under this scenario; `npm run explain -- <id>` shows where a figure comes from',
    'non-finite': 'a figure or the expression is infinite or undefined under this scenario',
    'type-mismatch': 'numbers and true/false values do not mix: compare numbers to get true/false',
  } as Readonly<Record<string, string>>,
  // --- Issue 14 (safe build): output folder, decoding, links, typed numbers, limits. ---
  outputNotOurs: (folder: string) => ({
    reason: `Unexpected existing folder ${code(folder)} with files this tool did not write, expected an empty folder, a new one, or a previous output`,
    hint: 'choose another --out, empty the folder yourself, or pass --force to replace it',
  }),
  outputProtected: (folder: string, what: string) => ({
    reason: `Unexpected output folder ${code(folder)}: it is ${what}, expected a folder of its own`,
    hint: 'the build replaces its output folder entirely; use --out dist or a new folder such as --out dist-draft',
  }),
  outputNotFolder: (folder: string) => ({
    reason: `Unexpected file ${code(folder)} as output folder, expected a folder`,
    hint: 'choose another --out',
  }),
  outputWrite: (folder: string, detail: string) => ({
    reason: `Unexpected failure writing ${code(folder)}: ${detail}, expected a writable output folder and parent`,
    hint: 'check the permissions of the output folder and its parent, or choose another --out',
  }),
  fileRead: (detail: string) => ({
    reason: `Unexpected unreadable file: ${detail}, expected a readable file`,
    hint: 'check that the file exists and that you may read it',
  }),
  invalidUtf8: (byte: number) => ({
    reason: `Unexpected byte 0x${byte.toString(16).padStart(2, '0').toUpperCase()} that is not UTF-8, expected text encoded as UTF-8`,
    hint: 'save the file as UTF-8 (with or without a BOM)',
  }),
  noArticles: () => ({
    reason: 'Unexpected content folder without articles, expected at least one `content/*.md`',
    hint: 'add an article such as content/my-article.md with front matter `title` and `date`',
  }),
  siteYamlLimits: (detail: string) => ({
    reason: `Unexpected YAML beyond the resource limits: ${detail}`,
    hint: 'settings and front matter are plain values: remove the anchors and aliases (`&a`, `*a`)',
  }),
  calendarDate: (date: string) => ({
    reason: `Unexpected date ${code(date)}, expected a real calendar date as YYYY-MM-DD`,
    hint: 'months run 01–12 and days 01–28/29/30/31 depending on the month',
  }),
  unsafeUrl: (url: string, protocol: string) => ({
    reason: `Unexpected link protocol ${code(protocol)} in ${code(url)}, expected http, https, mailto, a relative URL or a #fragment`,
    hint: 'only web and mail links reach the page; remove the link or point it at a web page',
  }),
  literalVal: (expression: string) => ({
    reason: `Unexpected ${code(`:val[${expression}]`)} that reads no figure, expected an expression over figure ids`,
    hint: 'a literal is not a computed number: add the quantity to src/model/inputs.ts with its source and show it with `:val[its.id]`',
  }),
  typedNumber: (text: string, figure: string | undefined) => ({
    reason: `Unexpected number ${code(text)} typed by hand, expected a computed number`,
    hint: figure
      ? `it matches figure ${code(figure)}: write ${code(`:val[${figure}]`)}`
      : 'show it with `:val[figure.id]`, or, if it is a name, year or section number, add a rule to src/pipeline/typed-number-rules.ts',
  }),
  typedNumberInFormula: (text: string, figure: string) => ({
    reason: `Unexpected number ${code(text)} typed in the formula of ${code(figure)}, expected every number of a derivation to be computed`,
    hint: 'a derivation shows the model formula between its figures: make the number an input or a derived figure of the model (src/model/), or leave this figure out of the derivation',
  }),
  chartInlineData: (kind: string) => ({
    reason: `Unexpected inline chart data \`data.${kind}\`, expected \`"data": {"name": "<dataset>"}\` computed from the model`,
    hint: 'numbers in a chart come from src/model/datasets.ts; a deliberate exception needs `"usermeta": {"inlineDataReason": "…"}` in the spec',
  }),
  chartTooLarge: (cells: number, limit: number) => ({
    reason: `Unexpected chart dataset of ${cells} cells (rows × fields), expected at most ${limit}`,
    hint: 'aggregate the data in src/model/datasets.ts; charts render at build time and must stay small',
  }),
  pageTimeout: (seconds: number) => ({
    reason: `Unexpected page build longer than ${seconds} s, expected each page to build within its time budget`,
    hint: 'look for very large charts, tables or generated sections on this page',
  }),
  unreadableNumber: (text: string, format: string | undefined) => ({
    reason: `Unexpected ${code(text)} as a shown number, expected a value its format${format ? ` ${code(format)}` : ''} can print`,
    hint: 'the value is out of range for the format: check the expression, or use `sci` or `eng` for very large or small values',
  }),
  internalError: (detail: string) => ({
    reason: `Internal error (a bug in the build, not in your content): ${detail}`,
    hint: 'please report it with the command you ran; rerun with --debug to print the stack',
  }),
} as const
