import { readFileSync } from 'node:fs'
import { build } from './src/build.ts'
import { articleCostModel } from './src/model/article.ts'
import { fsEffects } from './src/site/effects.ts'
import { Session } from 'node:inspector/promises'
import { writeFileSync } from 'node:fs'
const root = process.cwd()
const files = fsEffects(root)
const c = files.commit()
const text = readFileSync('content/economics-of-alignment.md', 'utf8')
let i = 0
const effects = { ...files, commit: () => c, readText: async (p: string) => p.endsWith('economics-of-alignment.md') ? text.replace('nebulous', `nebulous${' indeed'.repeat(++i)}`) : files.readText(p) }
let pushed = 0
const sink = { write: async () => {}, pageWritten: () => { pushed = performance.now() } }
for (let k = 0; k < 4; k++) await build(articleCostModel, { root }, effects, sink)
const s = new Session(); s.connect(); await s.post('Profiler.enable'); await s.post('Profiler.start')
const times: number[] = []
for (let k = 0; k < 15; k++) { const t = performance.now(); await build(articleCostModel, { root }, effects, sink); times.push(pushed - t) }
times.sort((a, b) => a - b)
console.log('median to push', times[7].toFixed(0), 'ms; min', times[0].toFixed(0))
const { profile } = await s.post('Profiler.stop')
writeFileSync('/tmp/profw/dev.cpuprofile', JSON.stringify(profile))
