/**
 * What the robustness section tabulates: the headline figures per scenario. Kept in the model
 * so tests can check the table against the audit without going through HTML.
 */

/** Headline figures of the robustness table, in column order, with their column titles. */
export const headlineFigures: ReadonlyArray<{ readonly id: string; readonly title: string }> = [
  { id: 'synthetic.total', title: 'Synthetic cost' },
  { id: 'synthetic.costPerPair', title: 'Per pair' },
  { id: 'ratio.conservative', title: 'Reduction, conservative' },
  { id: 'ratio.realistic', title: 'Reduction, realistic' },
]
