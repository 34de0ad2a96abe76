/** What to build. Paths are relative to `root` unless absolute. */
export interface BuildOptions {
  readonly root: string
  /** The scenario pages are built under (default: the model's own). */
  readonly scenario?: string | undefined
  /** `ID=VALUE` input settings applied on top of every scenario. */
  readonly settings?: readonly string[] | undefined
  /** Monte Carlo draws over the input ranges (default 10,000) and their seed. */
  readonly samples?: number | undefined
  readonly seed?: number | undefined
  /**
   * Worker threads that build articles beside this one (build/workers.ts; default none). Only
   * the compiled command line starts them, and only for a site of several articles.
   */
  readonly workers?: number | undefined
}
