// Timing a refusal: the fastest of several runs, so that a pause of the garbage collector or of a busy machine does
// not count. For the tests that say an oversized input is refused at the cost of the limit, not of the input.

/** The fastest of `runs` calls of `call`, in milliseconds; each call must throw (`check` looks at the error). */
export function fastestRefusal(call: () => unknown, check: (error: unknown) => void, runs = 20): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    let error: unknown;
    try {
      call();
    } catch (e) {
      error = e;
    }
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
    if (error === undefined) throw new Error('the call was not refused');
    check(error);
  }
  return best;
}
