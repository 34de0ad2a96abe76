// Quick probe: in-process rebuild times after prose edits (not part of npm run bench).
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { build } from '../src/build.ts'
import { articleCostModel } from '../src/model/index.ts'
import { fsEffects, memoryMemo } from '../src/site/effects.ts'

const root = process.argv[2] ?? process.cwd()
const effects = fsEffects(root, memoryMemo())
const article = join(root, 'content', 'economics-of-alignment.md')
const text = readFileSync(article, 'utf8')
await build(articleCostModel, { root }, effects)
const times: number[] = []
try {
  for (let i = 0; i < 8; i++) {
    writeFileSync(article, text.replace('nebulous', `nebulous${' indeed'.repeat(i + 1)}`))
    const start = performance.now()
    await build(articleCostModel, { root }, effects)
    times.push(performance.now() - start)
  }
} finally {
  writeFileSync(article, text)
}
console.log(times.map((t) => t.toFixed(0)).join(' '))
