/**
 * Values made once per object and kept for as long as that object lives. The build keeps what a
 * compiled model, a model session or a chart store lets it compute once (evaluators, draws,
 * popovers, compiled specs) this way. The map is weak: a model edit under `npm run dev` brings
 * new objects, and what was made for the old ones is collected with them.
 */
export function keptWith<K extends object, T>(make: (key: K) => T): (key: K) => T {
  const made = new WeakMap<K, T>()
  return (key) => {
    // One lookup on the hot path (evaluate() asks for its model's plan on every call).
    const found = made.get(key)
    if (found !== undefined || made.has(key)) return found as T
    const value = make(key)
    made.set(key, value)
    return value
  }
}
