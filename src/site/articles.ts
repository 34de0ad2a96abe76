/**
 * The articles of a build and the per-page time budget: a content folder without articles is a
 * located error, and a page that takes too long fails naming the page instead of stalling.
 */

import { messages } from '../diagnostics/messages.ts'
import { BuildFailure } from '../diagnostics/report.ts'
import type { BuildEffects } from './effects.ts'

/** Seconds a page may take to process (charts included) before the build gives up on it. */
export const PAGE_TIME_BUDGET_SECONDS = 60

/** File names of the articles in content/, sorted; throws BuildFailure when there are none. */
export async function listArticles(effects: BuildEffects): Promise<string[]> {
  const names = (await effects.list('content')).filter((f) => f.endsWith('.md'))
  if (names.length === 0) {
    throw new BuildFailure([
      { place: 'content/', ...messages.noArticles(), ruleId: 'no-articles', severity: 'error' },
    ])
  }
  return names
}

/**
 * `work` within the page's time budget, else a BuildFailure naming the page. Asynchronous
 * stalls only: synchronous work is bounded by the limits on its inputs (chart data caps).
 */
export async function withinBudget<T>(
  path: string,
  work: Promise<T>,
  seconds: number = PAGE_TIME_BUDGET_SECONDS,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const failure = new BuildFailure([
        {
          place: path,
          ...messages.pageTimeout(seconds),
          ruleId: 'page-timeout',
          severity: 'error',
        },
      ])
      reject(failure)
    }, seconds * 1000)
  })
  try {
    return await Promise.race([work, timeout])
  } finally {
    clearTimeout(timer)
  }
}
