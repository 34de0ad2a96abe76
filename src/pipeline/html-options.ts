/**
 * How the page's HTML is written: html-writer.ts writes what hast-util-to-html writes under these
 * options, for the page (rehype-write-html.ts) and for the parts written ahead as HTML
 * (rehype-provenance.ts's popovers), so both write the same bytes. Optional end tags (`</p>`, `</li>`, `</td>`, `</tr>`, …) are left out, as the HTML
 * parser defines them, and empty attributes written bare (`popover`): the same tree, 17 KB
 * lighter (issue 15's page weight). Raw nodes come only from our own stages (chart data tables,
 * popovers); markdown's raw HTML was dropped by remark-rehype, so content cannot inject markup.
 */
import type { Options } from 'hast-util-to-html'

export const HTML_OPTIONS = {
  allowDangerousHtml: true,
  omitOptionalTags: true,
  collapseEmptyAttributes: true,
} as const satisfies Options
