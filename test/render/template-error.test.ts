import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { placeText } from '../../src/diagnostics/user-error.ts'
import { createEnvironment } from '../../src/render/environment.ts'
import { renderArticlePage, renderIndexPage, TemplateError } from '../../src/render/page.ts'
import { sampleArticle, sampleIndex } from './sample.ts'

const fixture = (name: string) => fileURLToPath(new URL(`fixtures/${name}/`, import.meta.url))

/** Runs `render` and returns the TemplateError it must throw. */
function templateError(render: () => unknown): TemplateError {
  try {
    render()
  } catch (error) {
    assert.ok(error instanceof TemplateError, `expected TemplateError, got ${String(error)}`)
    return error
  }
  assert.fail('expected the render to throw')
}

describe('TemplateError', () => {
  it('names the template and line of an undefined value', () => {
    const dir = fixture('broken-render')
    const error = templateError(() => renderIndexPage(createEnvironment(dir), sampleIndex()))
    assert.equal(error.file, join(dir, 'index.njk'))
    assert.equal(error.line, 5)
    assert.equal(error.reason, 'attempted to output null or undefined value')
    assert.match(placeText(error.place), /index\.njk:5:\d+$/)
    assert.equal(error.ruleId, 'template')
  })

  it('names the layout, not the child, when the error is in an extended template', () => {
    const dir = fixture('broken-render')
    const error = templateError(() => renderArticlePage(createEnvironment(dir), sampleArticle()))
    assert.equal(error.file, join(dir, 'layout.njk'))
    assert.equal(error.line, 4)
  })

  it('reports syntax errors with their position', () => {
    const dir = fixture('broken-load')
    const error = templateError(() => renderIndexPage(createEnvironment(dir), sampleIndex()))
    assert.equal(error.file, join(dir, 'index.njk'))
    assert.equal(error.line, 5)
    assert.match(error.reason, /endif/)
  })

  it('reports a missing template against the template that included it', () => {
    const dir = fixture('broken-load')
    const error = templateError(() => renderArticlePage(createEnvironment(dir), sampleArticle()))
    assert.equal(error.file, join(dir, 'article.njk'))
    assert.match(error.reason, /template not found: partials\/missing\.njk/)
  })
})

describe('createEnvironment', () => {
  const dir = mkdtempSync(join(tmpdir(), 'render-env-'))
  after(() => rmSync(dir, { recursive: true, force: true }))

  it('reads edited templates in a fresh environment', () => {
    writeFileSync(join(dir, 'index.njk'), 'first {{ site.title }}')
    const env = createEnvironment(dir)
    assert.equal(
      renderIndexPage(env, sampleIndex()),
      'first From Human Feedback to Synthetic Alignment',
    )
    writeFileSync(join(dir, 'index.njk'), 'second')
    assert.equal(renderIndexPage(createEnvironment(dir), sampleIndex()), 'second')
  })

  it('formats dates without the ICU build or time zone', () => {
    writeFileSync(
      join(dir, 'index.njk'),
      '{{ "2025-01-02" | longDate }} {{ "abcdef0123" | shortHash }}',
    )
    assert.equal(renderIndexPage(createEnvironment(dir), sampleIndex()), '2 January 2025 abcdef0')
  })

  it('reports a failing filter against the template that used it', () => {
    writeFileSync(join(dir, 'index.njk'), '\n{{ "13/11/2025" | longDate }}')
    const error = templateError(() => renderIndexPage(createEnvironment(dir), sampleIndex()))
    assert.equal(error.file, join(dir, 'index.njk'))
    assert.equal(error.reason, 'Unexpected date `13/11/2025`, expected YYYY-MM-DD')
  })
})
