/** Provenance: every figure explains itself, down to inputs with sources. */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { explainTree } from '../../src/cli/explain.ts'
import { substituteFormula } from '../../src/format/figure.ts'
import * as formulas from '../../src/model/formulas.ts'
import {
  articleCostModel,
  articleModel,
  dependencyClosure,
  evaluateScenario,
} from '../../src/model/index.ts'

const stageCalls = articleCostModel.listings?.calls ?? {}

const { evaluation } = evaluateScenario()

test('SFT cost: formula, dependencies and substituted values', () => {
  const figure = evaluation.figure('sft.cost')
  assert.equal(figure.unit, 'USD')
  assert.equal(figure.provenance.kind, 'derived')
  if (figure.provenance.kind !== 'derived') return
  assert.deepEqual(figure.provenance.deps, ['sft.gpuHours', 'price.gpuHour'])
  assert.equal(substituteFormula(figure.provenance.formula, evaluation), '17.0 GPU·h × $2.50/GPU·h')
  const flops = evaluation.figure('sft.flops')
  assert.ok(flops.provenance.kind === 'derived')
  assert.equal(
    substituteFormula(flops.provenance.formula, evaluation),
    '19.8M tokens × 70B params × 6 FLOP/(token·param)',
  )
})

test('SFT cost: the explain tree reaches every input with its source', () => {
  const lines = explainTree(evaluation, 'sft.cost').join('\n')
  for (const input of [
    'sft.iftExamples',
    'sft.eftExamples',
    'sequence.length',
    'llama2.pretrain.gpuHours',
    'llama2.pretrain.tokens',
    'price.gpuHour',
  ]) {
    assert.match(lines, new RegExp(`${input.replace(/\./g, '\\.')} = `), input)
  }
  assert.match(lines, /source \[@touvron2023\]/)
  assert.match(lines, /source \[@yuan2024\]/)
  assert.match(lines, /= sft\.gpuHours × price\.gpuHour/)
})

test('every derived figure names only known figures and every input has a source and note', () => {
  for (const id of articleModel.ids) {
    const figure = evaluation.figure(id)
    if (figure.provenance.kind === 'input') {
      assert.ok(figure.provenance.source.length > 0, id)
      assert.ok(figure.provenance.note.length > 0, id)
    } else {
      for (const dep of figure.provenance.deps) assert.ok(evaluation.has(dep), `${id} → ${dep}`)
      for (const [, ref] of figure.provenance.formula.matchAll(/\{([^}]+)\}/g)) {
        assert.ok(
          figure.provenance.deps.includes(ref ?? ''),
          `${id}: formula names ${ref} outside deps`,
        )
      }
    }
  }
})

test('the appendix stage functions compute exactly the stage figures', () => {
  for (const [id, call] of Object.entries(stageCalls)) {
    const fn = (formulas as unknown as Record<string, (...args: number[]) => number>)[call.fn]
    assert.ok(fn, call.fn)
    const result = fn(...call.args.map((arg) => evaluation.value(arg)))
    assert.ok(
      Math.abs(result - evaluation.value(id)) < 1e-9,
      `${call.fn} = ${result}, ${id} = ${evaluation.value(id)}`,
    )
  }
})

test('overridden inputs are marked in provenance', () => {
  const spot = evaluateScenario({ scenario: 'spot' }).evaluation.figure('price.gpuHour')
  assert.ok(spot.provenance.kind === 'input' && spot.provenance.overridden)
  assert.equal(spot.value, evaluation.value('price.spot'))
})

test('the dependency closure of a figure is what its provenance names, all the way down', () => {
  // The closure as a reader would follow it: each derived figure's `deps`, recursively.
  const byProvenance = (ids: readonly string[]): Set<string> => {
    const seen = new Set<string>()
    const visit = (id: string): void => {
      if (seen.has(id) || !evaluation.has(id)) return
      seen.add(id)
      const p = evaluation.figure(id).provenance
      if (p.kind === 'derived') for (const dep of p.deps) visit(dep)
    }
    for (const id of ids) visit(id)
    return seen
  }
  for (const id of articleModel.ids) {
    const closure = dependencyClosure(evaluation, [id])
    assert.deepEqual(new Set(closure), byProvenance([id]), id)
    // In model order, so the files that list a closure list it the same way every time.
    assert.deepEqual(
      closure,
      articleModel.ids.filter((known) => closure.includes(known)),
      id,
    )
  }
  const several = ['ratio.conservative', 'no.such.figure', 'sft.cost']
  assert.deepEqual(new Set(dependencyClosure(evaluation, several)), byProvenance(several))
  assert.deepEqual(dependencyClosure(evaluation, []), [])
})
