/**
 * Comparing two snapshots. Values compare with a relative tolerance of 1e-12 (so a change in
 * floating-point evaluation order is not a change in the article); formatted strings and claim
 * results compare exactly.
 */
import type { Snapshot, SnapshotEntry } from './snapshot.ts'

/** Relative tolerance for numeric values. */
export const RELATIVE_TOLERANCE = 1e-12

/** One difference between the committed and the computed snapshot. */
export interface SnapshotChange {
  readonly kind: 'changed' | 'added' | 'removed'
  /** `figure` or `claim`. */
  readonly type: string
  readonly scenario: string
  /** The figure id, or `file expression` for a claim. */
  readonly name: string
  readonly old: string
  readonly new: string
  /** Relative change in percent, for numeric figures. */
  readonly percent: number | undefined
}

/** Every change from `old` to `current`, in key order. */
export function diffSnapshots(old: Snapshot, current: Snapshot): SnapshotChange[] {
  const keys = [...new Set([...old.keys(), ...current.keys()])].sort()
  const changes: SnapshotChange[] = []
  for (const key of keys) {
    const a = old.get(key)
    const b = current.get(key)
    if (a && b && same(a, b)) continue
    const [type = '', scenario = '', ...rest] = key.split(' ')
    const kind = !a ? 'added' : !b ? 'removed' : 'changed'
    changes.push({
      kind,
      type,
      scenario,
      name: rest.join(' '),
      old: show(a),
      new: show(b),
      percent: percentChange(a, b),
    })
  }
  return changes
}

/** Relative tolerance for Monte Carlo results (library maths may differ in the last digits). */
export const SAMPLING_TOLERANCE = 1e-9

const close = (x: number, y: number, tolerance: number): boolean =>
  Math.abs(x - y) <= tolerance * Math.max(Math.abs(x), Math.abs(y))

function same(a: SnapshotEntry, b: SnapshotEntry): boolean {
  if ('holds' in a || 'holds' in b)
    return (
      'holds' in a &&
      'holds' in b &&
      a.holds === b.holds &&
      (a.probability ?? null) === (b.probability ?? null)
    )
  if ('p5' in a || 'p5' in b)
    return (
      'p5' in a &&
      'p5' in b &&
      close(a.p5, b.p5, SAMPLING_TOLERANCE) &&
      close(a.p50, b.p50, SAMPLING_TOLERANCE) &&
      close(a.p95, b.p95, SAMPLING_TOLERANCE)
    )
  const scale = Math.max(Math.abs(a.value), Math.abs(b.value))
  return (
    a.unit === b.unit &&
    a.formatted === b.formatted &&
    Math.abs(a.value - b.value) <= RELATIVE_TOLERANCE * scale
  )
}

function show(entry: SnapshotEntry | undefined): string {
  if (!entry) return '–'
  if ('holds' in entry) {
    const result = entry.holds === null ? 'error' : entry.holds ? 'holds' : 'fails'
    return typeof entry.probability === 'number'
      ? `${result}, ${Math.round(entry.probability * 1000) / 10}% of draws`
      : result
  }
  if ('p5' in entry) return `${entry.p5.toPrecision(4)}–${entry.p95.toPrecision(4)}`
  return `${entry.formatted} (${entry.value})`
}

function percentChange(
  a: SnapshotEntry | undefined,
  b: SnapshotEntry | undefined,
): number | undefined {
  if (!a || !b || !('value' in a) || !('value' in b) || a.value === 0) return undefined
  return ((b.value - a.value) / Math.abs(a.value)) * 100
}

/** The changes as a plain-text table for the terminal. */
export function changesTable(changes: readonly SnapshotChange[]): string {
  const rows = changes.map((c) => [
    c.kind,
    c.type,
    c.scenario,
    c.name,
    c.old,
    c.new,
    formatPercent(c.percent),
  ])
  const header = ['change', 'kind', 'scenario', 'figure', 'old', 'new', 'Δ %']
  const widths = header.map((h, i) =>
    Math.max([...h].length, ...rows.map((r) => [...(r[i] ?? '')].length)),
  )
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd()
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n')
}

/** The changes as a GitHub-flavoured markdown table for the job summary. */
export function changesMarkdown(changes: readonly SnapshotChange[]): string {
  const escapeCell = (text: string) => text.replace(/\|/g, '\\|')
  const rows = changes.map(
    (c) =>
      `| ${c.kind} | ${c.type} | ${c.scenario} | \`${escapeCell(c.name)}\` | ${escapeCell(c.old)} | ${escapeCell(c.new)} | ${formatPercent(c.percent)} |`,
  )
  return [
    '| change | kind | scenario | figure | old | new | Δ % |',
    '|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n')
}

function formatPercent(percent: number | undefined): string {
  if (percent === undefined) return ''
  return `${percent > 0 ? '+' : ''}${percent.toFixed(2)}%`
}
