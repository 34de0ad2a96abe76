/**
 * How the page's HTML is written, shared by the page's stringify (rehype-stringify-pieces.ts) and
 * the stages that write parts of the page as HTML themselves (rehype-provenance.ts's popovers),
 * so both write the same bytes. Optional end tags (`</p>`, `</li>`, `</td>`, `</tr>`, …) are left out, as the HTML
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
