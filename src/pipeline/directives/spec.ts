/**
 * Directives are declared as data (name, kind, label, attributes with docs) plus a `run`.
 * remark-directives.ts validates every directive against its spec once, centrally, before any
 * `run` sees it.
 */

import type { ContainerDirective, LeafDirective, TextDirective } from 'mdast-util-directive'
import type { VFile } from 'vfile'
import type { Bibliography } from '../../citations/types.ts'
import type { RuleId } from '../../diagnostics/rules.ts'
import type { ModelSession } from '../session.ts'

/** Any directive node. */
export type DirectiveNode = TextDirective | LeafDirective | ContainerDirective

/** One accepted attribute. */
export interface AttributeSpec {
  readonly doc: string
  readonly required?: boolean
}

/** What a directive's `[label]` holds. */
export type LabelKind = 'expression' | 'caption' | 'none'

/** A directive as data. */
export interface DirectiveSpec {
  readonly name: string
  readonly type: DirectiveNode['type']
  readonly label: LabelKind
  readonly attributes: Readonly<Record<string, AttributeSpec>>
  readonly doc: string
  /** A short valid use, shown in hints. */
  readonly example: string
  /** `nothing`: the directive is removed from the page after `run` (claims). */
  readonly renders: 'element' | 'nothing'
  /** Lowers the node to HTML (via `data.hName`…) or records what it states. */
  run(node: DirectiveNode, env: DirectiveEnv): void
}

/** A directive's label as written in the source, with the offset of its first character. */
export interface LabelSource {
  readonly text: string
  readonly offset: number
}

/** What a directive's `run` gets. */
export interface DirectiveEnv {
  readonly file: VFile
  readonly session: ModelSession
  /** The scenario in force where the directive stands. */
  readonly scenario: string
  readonly label: LabelSource | undefined
  readonly attributes: Readonly<Record<string, string>>
  readonly sources: PipelineSources
  /** Plain text of the block the directive stands in (a claim's sentence). */
  readonly context: string
  /** Reports an error at an offset range in the file (default: the directive). */
  error(
    reason: { reason: string; hint?: string | undefined },
    ruleId: RuleId,
    range?: { start: number; end: number },
  ): void
  warn(reason: { reason: string; hint?: string | undefined }, ruleId: RuleId): void
}

/** Files other than the page that directives read. */
export interface PipelineSources {
  /** Source text of the model's listings file (src/model/formulas.ts), for code listings. */
  readonly listingSource: string
  /** Chart specs by path relative to content/ (`charts/x.vl.json`). */
  readonly charts: ReadonlyMap<string, string>
  /** content/references.bib, for citations and the references list. */
  readonly bibliography: Bibliography
}
