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

/**
 * A map of at most `limit` entries, for what is worth keeping only while it is recent (the
 * cards, charts and files a rebuild or the next page is likely to ask for again): setting an
 * entry makes it the newest, and one past the limit forgets the entry set longest ago.
 */
export class RecentMap<K, V> extends Map<K, V> {
  constructor(private readonly limit: number) {
    super()
  }

  override set(key: K, value: V): this {
    super.delete(key)
    super.set(key, value)
    if (this.size > this.limit) super.delete(this.keys().next().value as K)
    return this
  }
}
