/**
 * The inputs a reader is offered in the "Try your own numbers" panel, by default: the prices,
 * the amount of data, the sequence length, the model size and the GPU type.
 */
import type { CostModel, InputDef } from '../model/index.ts'

/** The default inputs of the panel, in the order shown. */
export const defaultPanelInputs: readonly string[] = [
  'price.gpuHour',
  'human.price.conservative',
  'human.price.realistic',
  'llama2.humanPairs',
  'sequence.length',
  'model.params',
  'hardware.peak',
]

/** Inputs offered as a picker of named values rather than a number field. */
const namedChoices: Readonly<Record<string, readonly { label: string; value: number }[]>> = {
  'hardware.peak': [
    { label: 'A100 (312 TFLOP/s)', value: 312 },
    { label: 'H100 SXM (989 TFLOP/s)', value: 989 },
  ],
}

/** The panel's inputs: their definitions, and named choices where the model has them. */
export function panelInputs(
  model: CostModel,
  ids: readonly string[] = defaultPanelInputs,
): (InputDef & { choices?: readonly { label: string; value: number }[] })[] {
  return ids.flatMap((id) => {
    const def = model.inputs.find((d) => d.id === id)
    if (!def) return []
    const choices = namedChoices[id]
    return [choices ? { ...def, choices } : def]
  })
}
