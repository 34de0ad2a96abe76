/**
 * Every rule id the product reports, in one list: content directives, expressions, the model,
 * charts, citations, templates, site settings and the command line. A diagnostic's id is stable
 * (kebab-case, shown as `[rule-id]`), so tests, fixtures and editors can key on it; a test
 * checks that each id here is exercised by a fixture or a test.
 */
export const rules = {
  // Directives and content
  'unknown-directive': 'a directive name the pipeline does not know (close to a known one)',
  'directive-kind': 'a directive written with the wrong number of colons',
  'unknown-attribute': 'an attribute a directive does not take',
  'missing-attribute': 'a required attribute left out',
  'invalid-attribute': 'an attribute value a directive cannot use',
  'missing-expression': 'an empty `:val[]` or `:check[]`',
  'expected-number': 'a true/false expression where a number is shown',
  'expected-boolean': 'a number where a claim is checked',
  'unknown-format': 'a format that is neither named nor a d3-format specifier',
  'claim-fails': 'a `:check` claim that is false under its scenario',
  'claim-unlikely': 'a claim that holds in fewer draws than its `p=` requires',
  'listing-mismatch': 'a listed function that disagrees with the model',
  'frontmatter-yaml': 'front matter that is not valid YAML',
  'frontmatter-schema': 'a front-matter key or value the schema rejects',
  'frontmatter-missing': 'an article without front matter',
  'literal-val': 'a `:val` that reads no figure (a typed number disguised as a computed one)',
  'typed-number': 'a number typed by hand in prose where a figure should be computed',
  'number-out-of-range': 'a computed number too large or too small to print plainly',
  'unsafe-url': 'a link whose scheme is not http, https, mailto, relative or a fragment',
  // Expressions
  'expr-syntax': 'an expression that does not parse',
  'unknown-figure': 'a figure id the model does not define',
  'unknown-unit': 'a figure whose unit the expression language does not know',
  'unknown-function': 'a function (in an expression or a listing) that does not exist',
  'unknown-scenario': 'a scenario name the model does not define',
  'wrong-arity': 'a function called with the wrong number of arguments',
  'invalid-argument': 'a function argument outside what it accepts',
  'unit-mismatch': 'arithmetic or a comparison across incompatible units',
  'type-mismatch': 'numbers and true/false values mixed',
  'division-by-zero': 'a division by zero',
  'non-finite': 'an infinite or undefined result',
  // The model
  'model-cycle': 'figures (or scenarios) that depend on themselves',
  'model-unknown-dependency': 'a formula naming a figure the model does not define',
  'model-duplicate-id': 'two figures with one id',
  'model-formula-arity':
    'a compute function that does not take one value per figure its formula names',
  'non-finite-figure': 'a figure whose value is infinite or undefined',
  'override-derived': 'an override of a computed figure instead of an input',
  'override-invalid': 'an override value outside the input’s accepted range',
  'model-compile': 'model code that does not compile (dev server reload)',
  'uncertainty-invalid': 'an input range or correlation that cannot be sampled',
  // Charts
  'chart-missing-spec': 'a `::chart` whose spec file does not exist',
  'chart-invalid-json': 'a chart spec that is not valid JSON',
  'chart-unknown-dataset': 'a chart reading a dataset the model does not provide',
  'chart-unknown-field': 'a chart field its dataset does not have',
  'chart-compile': 'a spec Vega-Lite or Vega cannot compile',
  'chart-warning': 'a Vega-Lite or Vega warning (usually a silently wrong chart)',
  'chart-inline-data':
    'numbers typed into a chart spec (`data.values`, generators) without a reason',
  'chart-too-large': 'a chart dataset above the cap on rows × fields',
  // Citations and the bibliography
  'bibtex-syntax': 'references.bib that does not parse',
  'duplicate-citation-key': 'two entries with one key',
  'duplicate-field': 'a field given twice in one entry',
  'invalid-citation-key': 'an entry key with characters citations cannot use',
  'unknown-string-macro': 'an undefined @string macro',
  'unsupported-latex': 'LaTeX the bibliography formatter cannot render',
  'invalid-year': 'a year that is not a year',
  'missing-field': 'an entry without a field its type needs',
  'unknown-citation': 'a citation key the bibliography does not have',
  'missing-references': 'citations without a `::references` list',
  'duplicate-references': 'more than one `::references` list',
  'duplicate-whatif': 'more than one `::whatif` on a page',
  // Templates, site settings, the command line
  template: 'a template that fails to load, compile or render',
  'site-config': 'content/site.yaml that does not parse or validate',
  yaml: 'YAML that does not parse',
  'yaml-limits': 'YAML beyond the resource limits (alias bombs, nesting)',
  encoding: 'an input file that is not UTF-8',
  'file-read': 'an input file that cannot be read',
  'no-articles': 'a content folder without articles',
  'page-timeout': 'a page that takes longer than its time budget',
  'cli-usage': 'an unknown command, flag or argument',
} as const

/** A rule id of the product. */
export type RuleId = keyof typeof rules

/** A subset of rule ids, checked to be real ones: `RuleSubset<'expr-syntax' | 'unit-mismatch'>`. */
export type RuleSubset<T extends RuleId> = T
