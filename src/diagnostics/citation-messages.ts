/**
 * The catalog of bibliography and citation diagnostics, phrased "Unexpected X, expected Y" like
 * src/diagnostics/messages.ts. Tests compare against these functions, not copied strings.
 */

import type { RuleSubset } from '../diagnostics/rules.ts'

const code = (text: string) => `\`${text}\``

/** Stable rule ids of the .bib file's errors. */
export type BibRuleId = RuleSubset<
  | 'bibtex-syntax'
  | 'duplicate-citation-key'
  | 'duplicate-field'
  | 'invalid-citation-key'
  | 'unknown-string-macro'
  | 'unsupported-latex'
  | 'invalid-year'
  | 'missing-field'
>

/** A reason and an optional hint. */
export interface Message {
  readonly reason: string
  readonly hint?: string | undefined
}

/** Reasons and hints, by rule. */
export const citationMessages = {
  bibSyntax: (found: string, expected: string, hint?: string): Message => ({
    reason: `Unexpected ${found}, expected ${expected}`,
    hint: hint ?? 'an entry reads `@misc{key, title = {…}, year = {2024}}`',
  }),
  duplicateKey: (key: string, firstLine: number, firstColumn: number): Message => ({
    reason: `Unexpected second entry with key ${code(key)}, expected every key once`,
    hint: `the first ${code(key)} is at line ${firstLine}, column ${firstColumn}; rename or remove one`,
  }),
  duplicateField: (field: string, key: string): Message => ({
    reason: `Unexpected second field ${code(field)} in ${code(key)}, expected each field once`,
    hint: 'remove one of the two',
  }),
  invalidKey: (key: string): Message => ({
    reason: `Unexpected citation key ${code(key)}, expected letters, digits and \`_\`, with \`-\`, \`:\` or \`.\` only inside`,
    hint: 'the key is what the article writes after `@`, as in `[@touvron2023]`',
  }),
  unknownMacro: (name: string, suggestion: string | undefined): Message => ({
    reason: `Unexpected unknown string ${code(name)}, expected a braced or quoted value, a number, a month (\`jan\`…\`dec\`) or an \`@string\``,
    hint: suggestion
      ? `did you mean ${code(suggestion)}?`
      : `write the value in braces: ${code(`{${name}}`)}`,
  }),
  unsupportedLatex: (command: string): Message => ({
    reason: `Unexpected LaTeX ${code(command)}, expected plain UTF-8 text`,
    hint: 'write the character itself (ö, é, —); `\\%`, `\\&`, `\\$`, `\\#`, `\\_`, `~` and `--` are understood',
  }),
  invalidYear: (value: string): Message => ({
    reason: `Unexpected year ${code(value)}, expected four digits`,
    hint: 'put versions and dates in `note` or `date = {YYYY-MM-DD}`',
  }),
  missingField: (field: string, key: string): Message => ({
    reason: `Unexpected entry ${code(key)} without ${code(field)}, expected ${code(`${field} = {…}`)}`,
    hint: undefined,
  }),
  unknownCitation: (key: string, suggestion: string | undefined): Message => ({
    reason: `Unexpected unknown citation key ${code(`@${key}`)}, expected a key of content/references.bib`,
    hint: suggestion
      ? `did you mean ${code(`@${suggestion}`)}?`
      : 'add an entry with this key to content/references.bib',
  }),
  citationsWithoutList: (): Message => ({
    reason: 'Unexpected citations without a references list, expected `::references`',
    hint: 'add `::references` where the list belongs, usually under `## References`',
  }),
  secondList: (): Message => ({
    reason: 'Unexpected second `::references`, expected one list per page',
    hint: 'every entry is already listed by the first `::references`',
  }),
}
