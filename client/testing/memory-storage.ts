/**
 * A `Storage` held in memory, for element tests of the session and the caseload: like
 * `sessionStorage`, but private to one test. Only tests import `testing/`.
 */

/** A `Storage` in memory, like `sessionStorage` but private to one test. */
export function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, String(value)),
  };
}
