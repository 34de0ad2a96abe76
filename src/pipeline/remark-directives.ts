/**
 * Resolves every directive: validates it against its spec (name, kind, attributes) in one
 * place, then runs it under the scenario in force. Unknown text directives that do not look
 * like ours are prose (`note:this`, `10:30`) and go back to their literal text.
 */

import type { Parent, Root, RootContent } from 'mdast'
import { toString as mdastToString } from 'mdast-util-to-string'
import type { VFile } from 'vfile'
import { location } from 'vfile-location'
import { messages } from '../diagnostics/messages.ts'
import type { RuleId } from '../diagnostics/rules.ts'
import { suggest } from '../diagnostics/suggest.ts'
import { containerScenario } from './directives/scenario.ts'
import type {
  DirectiveEnv,
  DirectiveNode,
  DirectiveSpec,
  LabelSource,
  PipelineSources,
} from './directives/spec.ts'
import { fillGeneratedTables } from './generated-tables.ts'
import type { ModelSession } from './session.ts'

/** Options of the plugin. */
export interface RemarkDirectivesOptions {
  readonly session: ModelSession
  readonly sources: PipelineSources
  readonly registry: ReadonlyMap<string, DirectiveSpec>
}

const markers: Record<DirectiveNode['type'], string> = {
  textDirective: ':',
  leafDirective: '::',
  containerDirective: ':::',
}

const isDirective = (node: RootContent): node is DirectiveNode =>
  node.type === 'textDirective' ||
  node.type === 'leafDirective' ||
  node.type === 'containerDirective'

/**
 * The unified plugin. Once every directive ran (so every claim of the page is known), the
 * generated tables are filled.
 */
export default function remarkDirectives(options: RemarkDirectivesOptions) {
  return (tree: Root, file: VFile): void => {
    new Walker(options, file).walk(tree, options.session.defaultScenario, '')
    fillGeneratedTables(file, options.session, options.sources.bibliography)
  }
}

/** Resolves directives in a tree under a scenario. */
class Walker {
  readonly #options: RemarkDirectivesOptions
  readonly #file: VFile
  readonly #source: string
  readonly #place: ReturnType<typeof location>

  constructor(options: RemarkDirectivesOptions, file: VFile) {
    this.#options = options
    this.#file = file
    this.#source = String(file.value)
    this.#place = location(file)
  }

  /** Walks `parent`'s children, replacing or removing directives. */
  walk(parent: Parent, scenario: string, context: string): void {
    const blockText =
      parent.type === 'paragraph' ||
      parent.type === 'heading' ||
      parent.type === 'tableCell' ||
      parent.type === 'listItem'
        ? mdastToString(parent)
        : context
    for (let i = 0; i < parent.children.length; i++) {
      const child = parent.children[i] as RootContent
      if (!isDirective(child)) {
        if ('children' in child) this.walk(child, scenario, blockText)
        continue
      }
      const outcome = this.#resolve(child, scenario, blockText)
      if (outcome === 'remove') {
        parent.children.splice(i, 1)
        i--
      } else if (outcome !== 'keep') {
        parent.children[i] = outcome as (typeof parent.children)[number]
      }
    }
  }

  #resolve(
    node: DirectiveNode,
    scenario: string,
    context: string,
  ): 'keep' | 'remove' | RootContent {
    const spec = this.#options.registry.get(node.name)
    if (!spec) return this.#unknown(node)
    if (spec.type !== node.type) {
      this.#error(
        node,
        messages.wrongDirectiveKind(node.name, markers[node.type], markers[spec.type]),
        'directive-kind',
      )
      return 'keep'
    }
    const attributes = this.#attributes(node, spec)
    if (!attributes) return 'keep'
    const env = this.#env(node, spec, scenario, attributes, context)
    spec.run(node, env)
    if (node.type === 'containerDirective') {
      const inner =
        spec.name === 'scenario'
          ? containerScenario(this.#options.session, attributes.name)
          : undefined
      this.walk(node, inner?.ok ? inner.scenario.name : scenario, context)
    } else if (spec.label === 'caption') {
      this.walk(node, scenario, context)
    }
    // A directive that usually renders nothing may still leave a mark (a claim that fails).
    return spec.renders === 'nothing' && !node.data?.element ? 'remove' : 'keep'
  }

  #unknown(node: DirectiveNode): 'keep' | RootContent {
    const close = suggest(node.name, this.#options.registry.keys())
    if (close) {
      this.#error(
        node,
        messages.unknownDirective(node.name, markers[node.type], close),
        'unknown-directive',
      )
      return 'keep'
    }
    const start = node.position?.start.offset ?? 0
    const end = node.position?.end.offset ?? start
    const text = { type: 'text' as const, value: this.#source.slice(start, end) }
    return node.type === 'textDirective' ? text : { type: 'paragraph', children: [text] }
  }

  #attributes(node: DirectiveNode, spec: DirectiveSpec): Record<string, string> | undefined {
    const given = Object.fromEntries(
      Object.entries(node.attributes ?? {}).map(([k, v]) => [k, v ?? '']),
    )
    const known = Object.keys(spec.attributes)
    for (const name of Object.keys(given)) {
      if (!known.includes(name)) {
        this.#error(
          node,
          messages.unknownAttribute(
            `${markers[node.type]}${spec.name}`,
            name,
            known,
            suggest(name, known),
          ),
          'unknown-attribute',
        )
        return undefined
      }
    }
    for (const [name, attribute] of Object.entries(spec.attributes)) {
      if (attribute.required && !(name in given)) {
        this.#error(
          node,
          messages.missingAttribute(`${markers[node.type]}${spec.name}`, name, spec.example),
          'missing-attribute',
        )
        return undefined
      }
    }
    return given
  }

  #env(
    node: DirectiveNode,
    spec: DirectiveSpec,
    scenario: string,
    attributes: Record<string, string>,
    context: string,
  ): DirectiveEnv {
    return {
      file: this.#file,
      session: this.#options.session,
      scenario,
      label: spec.label === 'expression' ? this.#label(node) : undefined,
      attributes,
      sources: this.#options.sources,
      context,
      error: (message, ruleId, range) => this.#error(node, message, ruleId, range),
      warn: (message, ruleId) => {
        const m = this.#file.message(message.reason, {
          place: node.position,
          ruleId,
          source: 'article',
        })
        if (message.hint) m.note = message.hint
      },
    }
  }

  /** The raw label text: taken from the source so `*` and `_` in expressions stay literal. */
  #label(node: DirectiveNode): LabelSource | undefined {
    const start = node.position?.start.offset
    if (start === undefined) return undefined
    const open = start + markers[node.type].length + node.name.length
    if (this.#source[open] !== '[') return undefined
    let depth = 0
    for (let i = open; i < this.#source.length; i++) {
      const c = this.#source[i]
      if (c === '\\') i++
      else if (c === '[') depth++
      else if (c === ']' && --depth === 0)
        return { text: this.#source.slice(open + 1, i), offset: open + 1 }
    }
    return undefined
  }

  #error(
    node: DirectiveNode,
    message: { reason: string; hint?: string | undefined },
    ruleId: RuleId,
    range?: { start: number; end: number },
  ): void {
    const start = range ? this.#place.toPoint(range.start) : undefined
    const end = range ? this.#place.toPoint(range.end) : undefined
    const place = start && end ? { start, end } : node.position
    const m = this.#file.message(message.reason, { place, ruleId, source: 'article' })
    m.fatal = true
    if (message.hint) m.note = message.hint
  }
}
