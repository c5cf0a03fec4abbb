/**
 * JSON with every object's keys sorted (recursively), so two bodies that differ only in key order
 * serialise alike: what an idempotency check compares (S16, S26). Arrays keep their order.
 * @param value any JSON-serialisable value
 * @returns the canonical JSON text
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}
