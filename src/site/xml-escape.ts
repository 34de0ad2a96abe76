/**
 * Escaping for hand-written XML (the feed, the sitemap) and for the SVG of the social card:
 * text and attribute values alike, so one function serves both.
 */

/** `text` with `& < > " '` replaced by entities, safe in XML text and quoted attributes. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
}
