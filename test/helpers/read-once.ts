// Options objects that count how often each property is read: every function must read each option once.

/** An options object whose every property is a getter that counts its reads and returns `values[key]`. */
export function counting<T extends object>(values: T): { options: T; reads: Record<string, number> } {
  const reads: Record<string, number> = {};
  const options = {} as T;
  for (const [key, value] of Object.entries(values)) {
    reads[key] = 0;
    Object.defineProperty(options, key, {
      enumerable: true,
      get: () => {
        reads[key]++;
        return value;
      },
    });
  }
  return { options, reads };
}
