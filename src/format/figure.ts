/**
 * Display of model figures: the default format of a figure, values with their unit for tables,
 * and a formula with the values substituted (`19.8M tokens × 70B params × 6`).
 */
import type { Evaluation, Figure } from '../model/index.ts'
import { formatNumber } from './number.ts'

// Units whose formatted value already says what it is ($, ×, %) or that read as plain counts.
const selfDescribing = new Set(['USD', '×', '%', 'count'])

/** The figure's value in its default (or the given) format. */
export function formatFigure(figure: Figure, format?: string): string {
  return formatNumber(figure.value, format ?? figure.format)
}

/** What follows a formatted value to name its unit: `` (for $, ×, %), ` GPU·h`, `/GPU·h`. */
export function unitSuffix(unit: string): string {
  if (selfDescribing.has(unit)) return ''
  // `$2.50/GPU·h` reads better than `$2.50 USD/GPU·h`.
  return unit.startsWith('USD/') ? unit.slice(3) : ` ${unit}`
}

/** The value followed by its unit where the format does not show it: `17.0 GPU·h`, `$42.54`. */
export function formatWithUnit(figure: Figure): string {
  return formatFigure(figure) + unitSuffix(figure.unit)
}

/** A derived figure's formula with each `{id}` replaced by the dependency's value and unit. */
export function substituteFormula(formula: string, evaluation: Evaluation): string {
  return formula.replace(/\{([^}]+)\}/g, (_, id: string) => formatWithUnit(evaluation.figure(id)))
}

/** A formula with plain ids in place of `{id}` markers. */
export function symbolicFormula(formula: string): string {
  return formula.replace(/\{([^}]+)\}/g, '$1')
}
