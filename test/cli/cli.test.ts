/**
 * The command line as users run it: `node bin/article.mjs …` in a child process, checking the
 * contracts of design.md (stdout shape, exit codes, one-line errors without stack traces).
 */
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { describe, test } from 'node:test'

function run(...args: string[]) {
  const result = spawnSync(process.execPath, ['bin/article.mjs', ...args], { encoding: 'utf8' })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

const noStack = (text: string) => assert.doesNotMatch(text, /\n\s+at [\w.<]+ \(|node:internal/)

describe('figures', () => {
  test('--json prints only the contract JSON', () => {
    const { code, stdout } = run('figures', '--json')
    assert.equal(code, 0)
    const json = JSON.parse(stdout) as Record<
      string,
      { value: number; unit: string; kind: string; formatted: string }
    >
    assert.deepEqual(
      json['sft.cost'] && { ...json['sft.cost'], value: Math.round(json['sft.cost'].value * 100) },
      {
        value: 4254,
        unit: 'USD',
        kind: 'derived',
        formatted: '$42.54',
      },
    )
    assert.equal(json['price.gpuHour']?.kind, 'input')
    for (const entry of Object.values(json))
      assert.deepEqual(Object.keys(entry).sort(), ['formatted', 'kind', 'unit', 'value'])
  })

  test('--scenario and repeatable --set change the figures', () => {
    const json = JSON.parse(
      run(
        'figures',
        '--json',
        '--scenario',
        'dpo-all-pairs',
        '--set',
        'price.gpuHour=1.25',
        '--set',
        'human.price.conservative=0.6',
      ).stdout,
    )
    assert.equal(json['synthetic.total'].formatted, '$221.40')
    assert.equal(json['human.price.conservative'].formatted, '$0.60')
  })

  test('--list-scenarios prints one name a line', () => {
    const { stdout } = run('figures', '--list-scenarios')
    const names = stdout.trim().split('\n')
    assert.equal(names[0], 'published')
    assert.ok(names.includes('paper-faithful') && names.includes('spot') && names.includes('h100'))
  })

  test('the table lists every figure', () => {
    const { stdout } = run('figures')
    assert.match(stdout, /synthetic\.total\s+\$279\.74\s+USD\s+derived/)
  })

  for (const [args, pattern] of [
    [
      ['figures', '--scenario', 'spott'],
      /^--scenario: error: Unexpected unknown scenario `spott`.*did you mean `spot`/s,
    ],
    [['figures', '--set', 'price.gpuHour=abc'], /expected a finite number/],
    [['figures', '--set', 'nope=1'], /Unknown input `nope`/],
    [['figures', '--bogus'], /^figures: error: Unknown option '--bogus'/],
    [['explain'], /expected exactly one figure id/],
    [['explain', 'sft.cots'], /did you mean `sft\.cost`/],
    [['nonsense'], /^nonsense: error: Unexpected command `nonsense`, expected one of: build/],
  ] as Array<[string[], RegExp]>) {
    test(`bad arguments: ${args.join(' ')} → one-line error, exit 1`, () => {
      const { code, stderr, stdout } = run(...args)
      assert.equal(code, 1)
      assert.equal(stdout, '')
      assert.match(stderr, pattern)
      noStack(stderr)
    })
  }
})

describe('explain', () => {
  test('prints the derivation tree down to inputs and sources', () => {
    const { code, stdout } = run('explain', 'synthetic.total')
    assert.equal(code, 0)
    assert.match(stdout, /^synthetic\.total under scenario published/)
    assert.match(stdout, /├─ sft\.cost = \$42\.54/)
    assert.match(
      stdout,
      /llama2\.pretrain\.gpuHours = 1,720,320 GPU·h .*\n.*source \[@touvron2023\]/,
    )
    assert.match(stdout, /\(derivation above\)/)
  })
})
