import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'

const root = new URL('../../', import.meta.url).pathname
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>
  devDependencies: Record<string, string>
}
const declared = new Set([
  ...Object.keys(manifest.dependencies),
  ...Object.keys(manifest.devDependencies),
])

/** Packages used without an import: tools the npm scripts run, and type packages. */
const usedWithoutImport = new Map([
  ['@11ty/eleventy', 'bench/run.mts runs its cmd.cjs'],
  ['@biomejs/biome', 'npm run lint'],
  ['tsx', 'npm run test:unit, npm run bench'],
  ['typescript', 'npm run typecheck'],
  ['@types/node', 'tsconfig types'],
  ['@types/d3-format', 'types of d3-format'],
  ['@types/nunjucks', 'types of nunjucks'],
  ['@expo-google-fonts/inter', 'src/site/social-card.ts resolves its .ttf font files'],
  ['hast-util-from-html', 'src/site/feed-content.ts imports it by a variable (types kept out)'],
])

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|mts|mjs)$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
}

/** The package an import specifier names, or undefined for relative and node: imports. */
function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('node:')) return undefined
  const [scope, name] = specifier.split('/')
  return scope?.startsWith('@') ? `${scope}/${name}` : scope
}

/** Bare types packages (`hast`) come from `@types/hast`. */
const declaredAs = (name: string) =>
  declared.has(name) ? name : declared.has(`@types/${name}`) ? `@types/${name}` : undefined

/** Static imports and re-exports, side-effect imports, import() and require() of a literal. */
const importPatterns = [
  /^\s*(?:import|export)\b[^;'"]*?\bfrom\s*['"]([^'"]+)['"]/gm,
  /^\s*import\s*['"]([^'"]+)['"]/gm,
  /\b(?:import|require)\(\s*['"]([^'"]+)['"]\s*\)/g,
]
const imported = new Map<string, string>()
for (const file of ['src', 'test', 'bench', 'bin', 'scripts'].flatMap(sourceFiles)) {
  const text = readFileSync(file, 'utf8')
  for (const [, specifier] of importPatterns.flatMap((pattern) => [...text.matchAll(pattern)])) {
    const name = packageOf(specifier ?? '')
    if (name !== undefined && !imported.has(name)) imported.set(name, file.slice(root.length))
  }
}

describe('package.json', () => {
  it('declares every package the code imports', () => {
    const missing = [...imported].filter(([name]) => declaredAs(name) === undefined)
    assert.deepEqual(missing, [], 'imported but not in package.json (name, first file)')
  })

  it('declares nothing that is neither imported nor used by a script or as types', () => {
    const used = new Set([...imported.keys()].map((name) => declaredAs(name) ?? name))
    const unused = [...declared].filter((name) => !used.has(name) && !usedWithoutImport.has(name))
    assert.deepEqual(unused, [])
  })
})
