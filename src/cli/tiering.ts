/**
 * V8's tiering for a command that keeps running. bin/tiering.mjs raises V8's interrupt budget
 * for every command, which suits a build: it runs much of its code briefly and is over in
 * seconds. `npm run dev` runs the same code again at every edit for as long as it is open, so
 * once its first build is done it goes back to V8's own budget and its code is optimised sooner:
 * over 4 alternating runs of `npm run bench -- --only=loop`, the prose edit's reload came after
 * 63 ms (median) instead of 75 ms with the raised budget kept.
 */
import { setFlagsFromString } from 'node:v8'

/** V8's interrupt budget in Node 20 (`node --v8-options`), before bin/tiering.mjs raised it. */
const V8_INTERRUPT_BUDGET = 67_584

/**
 * Restores V8's budget. Only after the command's bundles are loaded: their code caches were made
 * under the raised one, and V8 refuses a cache under other flags (a bundle loaded later, such as
 * a restarted chart worker, is compiled from its source, a few tens of milliseconds).
 */
export function tierForLongRun(): void {
  setFlagsFromString(`--interrupt-budget=${V8_INTERRUPT_BUDGET}`)
}
