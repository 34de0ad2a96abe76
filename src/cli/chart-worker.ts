/**
 * The chart worker's own entry (bundled as lib/chart-worker.cjs, which lib/chart-worker.mjs
 * runs): charts/worker.ts starts it on the second
 * core. A bundle of the chart code alone loads in a fraction of the time the whole command line
 * takes, so the worker draws its first chart sooner.
 */
import { chartWorkerMain } from '../charts/worker.ts'

chartWorkerMain()
