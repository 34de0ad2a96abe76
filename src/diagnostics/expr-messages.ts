/**
 * Every text the expression language shows to an author, in one place, so wording stays
 * consistent ("Unexpected X, expected Y") and tests compare against these functions rather than
 * copies of the strings.
 */

/** Quotes source text the way every message does. */
export function code(text: string): string {
  return `\`${text}\``
}

function codeList(items: readonly string[]): string {
  return items.map(code).join(', ')
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`
}

/** The "X" of "Unexpected X": what the parser found at the error offset. */
export const found = {
  end: (): string => 'end of expression',
  space: (): string => 'space',
  token: (text: string): string => code(text),
}

/** The "Y" of "expected Y": what the parser would have accepted there. */
export const expected = {
  expression: (): string => 'an expression',
  expressionAfter: (operator: string): string => `an expression after ${code(operator)}`,
  operatorOrEnd: (): string => 'an operator or the end of the expression',
  operatorOrClose: (): string => `an operator or ${code(')')}`,
  operatorCommaOrClose: (): string => `an operator, ${code(',')} or ${code(')')}`,
  segmentAfter: (prefix: string): string => `a name after ${code(prefix)}`,
  closingQuote: (quote: string): string => `a closing ${code(quote)}`,
}

/** Names an operation in unit-mismatch messages: "addition", "comparison `<`", "`min`". */
export function operationName(operator: string): string {
  if (operator === '+') return 'addition'
  if (operator === '-') return 'subtraction'
  if (operator === 'min' || operator === 'max') return code(operator)
  return `comparison ${code(operator)}`
}

/** Error reasons, one function per kind of failure. */
export const messages = {
  syntax: (what: string, wanted: string): string => `Unexpected ${what}, expected ${wanted}`,
  tooLong: (length: number, max: number): string =>
    `Unexpected expression of ${length} characters, expected at most ${max}`,
  tooDeep: (max: number): string =>
    `Unexpected nesting deeper than ${max} levels, expected a simpler expression`,
  misplacedString: (raw: string): string =>
    `Unexpected string ${code(raw)}, expected a number or a figure id (strings only name the scenario in ${code('scenario("name", expr)')})`,
  scenarioName: (text: string): string =>
    `Unexpected ${code(text)} as a scenario name, expected a quoted name as in ${code('scenario("name", expr)')}`,
  unknownFigure: (id: string): string =>
    `Unexpected figure ${code(id)}, expected an id the cost model defines`,
  unknownUnit: (id: string, symbol: string): string =>
    `Unexpected unit ${code(symbol)} on ${code(id)}, expected a unit from src/model/units.ts`,
  unknownFunction: (name: string, allowed: readonly string[]): string =>
    `Unexpected function ${code(name)}, expected one of ${codeList(allowed)}`,
  wrongArity: (name: string, count: number, wanted: string, usage: string): string =>
    `Unexpected ${plural(count, 'argument')} to ${code(name)}, expected ${wanted} as in ${code(usage)}`,
  arityExactly: (count: number): string => plural(count, 'argument'),
  arityAtLeast: (count: number): string => `at least ${plural(count, 'argument')}`,
  arityBetween: (min: number, max: number): string => `${min} to ${max} arguments`,
  invalidDigits: (value: number): string =>
    `Unexpected ${code(String(value))} as the digits of ${code('round')}, expected a whole number from -15 to 15`,
  unknownScenario: (name: string, known: readonly string[]): string =>
    known.length === 0
      ? `Unexpected scenario ${code(name)}, expected a scenario the model defines (it defines none)`
      : `Unexpected scenario ${code(name)}, expected one of ${codeList(known)}`,
  unitMismatch: (operation: string, left: string, right: string): string =>
    `Unexpected ${operation} of ${code(left)} and ${code(right)}, expected quantities in the same unit`,
  notANumber: (operator: string): string =>
    `Unexpected boolean operand of ${code(operator)}, expected a number`,
  notABoolean: (operator: string): string =>
    `Unexpected number operand of ${code(operator)}, expected a boolean such as a comparison ${code('a > b')}`,
  mixedEquality: (operator: string): string =>
    `Unexpected ${code(operator)} between a number and a boolean, expected operands of the same kind`,
  divisionByZero: (): string => 'Unexpected division by zero, expected a non-zero divisor',
  nonFinite: (value: number): string =>
    `Unexpected non-finite result ${code(String(value))}, expected a finite number`,
  nonFiniteFigure: (id: string, value: number): string =>
    `Unexpected non-finite value ${code(String(value))} of ${code(id)}, expected a finite number`,
}

/** Hints: what the author may have meant. */
export const hints = {
  didYouMean: (suggestion: string): string => `did you mean ${code(suggestion)}?`,
  useInstead: (replacement: string): string => `use ${code(replacement)} instead`,
  noPowers: (): string => 'powers are not supported; multiply instead',
  noRemainder: (): string => 'remainders are not supported',
  noConditional: (): string =>
    `conditionals are not supported; combine comparisons with ${code('and')} and ${code('or')}`,
  noIndexing: (): string => `write figure ids with dots, as in ${code('sft.cost')}`,
  reservedWord: (word: string): string =>
    `${code(word)} is an operator, so it cannot start a figure id`,
}
