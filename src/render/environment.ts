/**
 * The nunjucks environment pages are rendered with: templates from one folder, every output
 * HTML-escaped unless marked safe, undefined values are errors, and errors name their template.
 */
import nunjucks from 'nunjucks'
import { NormalisedLoader } from './normalised-loader.ts'
import { trackTemplateErrorOrigins } from './template-error.ts'

const months = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]

/**
 * `2025-11-13` → `13 November 2025`. Written out by hand rather than with `Intl.DateTimeFormat`,
 * whose output depends on the ICU build and the time zone.
 */
function longDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate)
  const month = match ? months[Number(match[2]) - 1] : undefined
  if (!match || month === undefined || Number(match[3]) < 1 || Number(match[3]) > 31) {
    throw new Error(`Unexpected date \`${isoDate}\`, expected YYYY-MM-DD`)
  }
  return `${Number(match[3])} ${month} ${match[1]}`
}

/** The first `length` characters of a commit or content hash, as people quote them. */
function shortHash(hash: string, length = 7): string {
  return hash.slice(0, length)
}

/**
 * A fresh environment over `templatesDir`. Templates are compiled once per environment and kept
 * for its lifetime; nothing watches the disk. A long-running process (the dev server) creates a
 * new environment per rebuild so edited templates are always read again.
 */
export function createEnvironment(templatesDir: string): nunjucks.Environment {
  const loader = new NormalisedLoader(templatesDir, { watch: false, noCache: false })
  const env = new nunjucks.Environment(loader, {
    autoescape: true,
    throwOnUndefined: true,
    trimBlocks: true,
    lstripBlocks: true,
    // Keeps the original error object through nested templates, so its origin can be looked up.
    dev: true,
  })
  env.addFilter('longDate', longDate)
  env.addFilter('shortHash', shortHash)
  trackTemplateErrorOrigins(env, templatesDir)
  return env
}
