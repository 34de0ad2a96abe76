/**
 * Parses the YAML front matter (YAML 1.2: dates and `no` stay strings) and validates it with a
 * strict schema, so a misspelt key is an error at its line instead of being ignored.
 */

import type { Root } from 'mdast'
import type { VFile } from 'vfile'
import { location } from 'vfile-location'
import { isMap, isPair, isScalar, parseDocument, type Node as YamlNode } from 'yaml'
import { z } from 'zod'
import { messages } from '../diagnostics/messages.ts'
import type { RuleId } from '../diagnostics/rules.ts'
import { suggest } from '../diagnostics/suggest.ts'
import { yamlToJs } from '../read/yaml.ts'
import { calendarDateDetail, isCalendarDate } from './calendar-date.ts'

const schema = z.strictObject({
  title: z.string().min(1),
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
    .refine((d) => !/^\d{4}-\d{2}-\d{2}$/.test(d) || isCalendarDate(d), calendarDateDetail),
  updated: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
    .refine((d) => !/^\d{4}-\d{2}-\d{2}$/.test(d) || isCalendarDate(d), calendarDateDetail)
    .optional(),
  summary: z.string().default(''),
  tags: z.array(z.string()).default([]),
  authors: z.array(z.string()).default([]),
  slug: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'expected lowercase letters, digits and dashes')
    .optional(),
  image: z
    .strictObject({
      filename: z.string(),
      focal_point: z.string().optional(),
      preview_only: z.boolean().optional(),
    })
    .optional(),
})

const knownKeys = Object.keys(schema.shape)

/** The unified plugin: sets `file.data.frontmatter` or reports positioned errors. */
export default function remarkFrontmatterValidate() {
  return (tree: Root, file: VFile): void => {
    const node = tree.children.find((child) => child.type === 'yaml')
    const fail = (
      message: { reason: string; hint?: string | undefined },
      ruleId: RuleId,
      offset?: number,
      end?: number,
    ) => {
      const place = location(file)
      const start = offset === undefined ? undefined : place.toPoint(offset)
      const stop = end === undefined ? undefined : place.toPoint(end)
      const m = file.message(message.reason, {
        place: start && stop ? { start, end: stop } : (start ?? node?.position),
        ruleId,
        source: 'article',
      })
      m.fatal = true
      if (message.hint) m.note = message.hint
    }
    if (node?.type !== 'yaml') {
      fail(messages.frontmatterMissing(), 'frontmatter-missing', 0)
      return
    }
    const source = String(file.value)
    const base = source.indexOf('\n', node.position?.start.offset ?? 0) + 1
    const doc = parseDocument(node.value, { prettyErrors: false, uniqueKeys: true })
    const yamlError = doc.errors[0]
    if (yamlError) {
      fail(
        messages.frontmatterYaml(yamlError.message.split('\n')[0] ?? ''),
        'frontmatter-yaml',
        base + (yamlError.pos[0] ?? 0),
      )
      return
    }
    const js = yamlToJs(doc)
    if (!js.ok) {
      fail(messages.siteYamlLimits(js.detail), 'yaml-limits', base)
      return
    }
    const parsed = schema.safeParse(js.value)
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined
        const path = key === undefined ? issue.path.map(String) : [...issue.path.map(String), key]
        const range = rangeOf(doc.contents, path, key !== undefined)
        const detail = key === undefined ? issue.message : 'unknown key'
        fail(
          messages.frontmatterField(
            path.join('.'),
            detail,
            key === undefined ? undefined : suggest(key, knownKeys),
          ),
          'frontmatter-schema',
          range ? base + range[0] : undefined,
          range ? base + range[1] : undefined,
        )
      }
      return
    }
    const titleRange = rangeOf(doc.contents, ['title'], false)
    const quoted = titleRange ? /^["']/.test(node.value.slice(titleRange[0])) : false
    file.data.frontmatter = {
      ...parsed.data,
      titleOffset: base + (titleRange?.[0] ?? 0) + (quoted ? 1 : 0),
    }
  }
}

/** Source range of the value (or, for a key, the key) at `path` in the YAML document. */
function rangeOf(
  contents: unknown,
  path: readonly string[],
  wantKey: boolean,
): [number, number] | undefined {
  let node: unknown = contents
  for (const [i, segment] of path.entries()) {
    if (!isMap(node)) return undefined
    const pair = node.items.find(
      (item) => isPair(item) && isScalar(item.key) && String(item.key.value) === segment,
    )
    if (!pair) return undefined
    const last = i === path.length - 1
    node = last && wantKey ? pair.key : pair.value
  }
  const range = (node as YamlNode | undefined)?.range
  return range ? [range[0], range[1]] : undefined
}
