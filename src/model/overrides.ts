/**
 * Turns a scenario name and `--set` pairs into validated input values. Unknown ids, derived
 * ids, values outside an input's constraint and unknown scenarios are ModelErrors with hints.
 */
import { suggest } from '../diagnostics/suggest.ts'
import { ModelError } from './errors.ts'
import type { CompiledModel } from './evaluate.ts'
import type { InputConstraint, InputDef, ScenarioDef, ScenarioOverride } from './types.ts'

/** An input value and where it came from, for provenance of overridden inputs. */
export interface AppliedOverride {
  readonly value: number
  readonly origin: string
}

/** Looks up a scenario, following nothing; throws for an unknown name with a suggestion. */
export function findScenario(scenarios: readonly ScenarioDef[], name: string): ScenarioDef {
  const found = scenarios.find((s) => s.name === name)
  if (found) return found
  const names = scenarios.map((s) => s.name)
  const close = suggest(name, names)
  throw new ModelError(
    'unknown-scenario',
    `Unexpected unknown scenario \`${name}\`, expected a scenario the model defines`,
    {
      hint: close
        ? `did you mean \`${close}\`? Known: ${names.join(', ')}`
        : `known scenarios: ${names.join(', ')}`,
    },
  )
}

/** The overrides of a scenario, its `extends` chain applied first. */
export function scenarioOverrides(
  model: CompiledModel,
  scenarios: readonly ScenarioDef[],
  name: string,
): Map<string, AppliedOverride> {
  const chain: ScenarioDef[] = []
  for (let s: ScenarioDef | undefined = findScenario(scenarios, name); s; ) {
    if (chain.includes(s))
      throw new ModelError('model-cycle', `Scenario \`${name}\` extends itself`)
    chain.unshift(s)
    s = s.extends ? findScenario(scenarios, s.extends) : undefined
  }
  const applied = new Map<string, AppliedOverride>()
  for (const scenario of chain) {
    for (const [id, override] of Object.entries(scenario.overrides)) {
      const value = overrideValue(model, id, override, `scenario \`${scenario.name}\``)
      applied.set(id, { value, origin: `scenario ${scenario.name}: ${override.note}` })
    }
  }
  return applied
}

function overrideValue(
  model: CompiledModel,
  id: string,
  override: ScenarioOverride,
  where: string,
): number {
  const value = 'from' in override ? inputDef(model, override.from, where).value : override.value
  checkInput(model, id, value, where)
  return value
}

/** Validates one `ID=VALUE` and returns the number; throws ModelError otherwise. */
export function parseSetting(model: CompiledModel, setting: string): { id: string; value: number } {
  const eq = setting.indexOf('=')
  if (eq <= 0) {
    throw new ModelError('override-invalid', `Unexpected \`${setting}\`, expected \`ID=VALUE\``, {
      hint: 'for example `--set price.gpuHour=1.25`',
    })
  }
  const id = setting.slice(0, eq).trim()
  const text = setting
    .slice(eq + 1)
    .trim()
    .replace(/_/g, '')
  const value = text === '' ? Number.NaN : Number(text)
  if (!Number.isFinite(value)) {
    throw new ModelError(
      'override-invalid',
      `Unexpected value \`${setting.slice(eq + 1)}\` for \`${id}\`, expected a finite number`,
      {
        figure: id,
        hint: 'write plain decimal or exponent notation, such as `1.25` or `7e9`',
      },
    )
  }
  checkInput(model, id, value, '--set')
  return { id, value }
}

function inputDef(model: CompiledModel, id: string, where: string): InputDef {
  const def = model.inputs.find((d) => d.id === id)
  if (def) return def
  if (model.index.has(id)) {
    const derived = model.derived.find((d) => d.id === id)
    throw new ModelError(
      'override-derived',
      `Unexpected override of derived figure \`${id}\` in ${where}, expected an input`,
      {
        figure: id,
        hint: `set one of the inputs it is computed from: ${derived?.deps.join(', ') ?? ''}`,
      },
    )
  }
  const close = suggest(
    id,
    model.inputs.map((d) => d.id),
  )
  throw new ModelError('unknown-figure', `Unknown input \`${id}\` in ${where}`, {
    figure: id,
    hint: close ? `did you mean \`${close}\`?` : 'run `npm run figures` to list the inputs',
  })
}

function checkInput(model: CompiledModel, id: string, value: number, where: string): void {
  const def = inputDef(model, id, where)
  const problem = def.constraint ? violation(def.constraint, value) : undefined
  if (problem) {
    throw new ModelError(
      'override-invalid',
      `Unexpected value ${value} for \`${id}\` in ${where}, expected ${problem}`,
      {
        figure: id,
        hint: `${def.label} (${def.unit}); the article uses ${def.value}`,
      },
    )
  }
}

function violation(constraint: InputConstraint, value: number): string | undefined {
  if (constraint.oneOf && !constraint.oneOf.includes(value))
    return `one of ${constraint.oneOf.join(', ')}`
  if (constraint.integer && !Number.isInteger(value)) return 'a whole number'
  if (constraint.min !== undefined && value < constraint.min) {
    return constraint.min === Number.MIN_VALUE ? 'a positive number' : `at least ${constraint.min}`
  }
  if (constraint.max !== undefined && value > constraint.max) return `at most ${constraint.max}`
  return undefined
}
