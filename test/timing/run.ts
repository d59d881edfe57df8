// npm run test:timing: dudect-style Welch t-tests of code verification (issue 10 item 20). Prints |t| for each
// comparison (4.5 is the usual threshold for a leak) and fails only above |t| = 10, so that the noise of a shared
// CI machine cannot fail it while a real leak, which grows with the number of measurements, still does.
//
//   TIMING_MEASUREMENTS=n   measurements per comparison (default 10^6)
//   TIMING_ONLY=text        run only the comparisons whose name contains text
import { type Comparison, formatResult, leakTest } from './dudect.js';
import { otpComparisons } from './otp.js';
import { recoveryComparisons } from './recovery.js';

/** Every comparison; another module's list is one more line here. Each has its own input type. */
// biome-ignore lint/suspicious/noExplicitAny: each comparison's input type is its own; leakTest is generic over it
const COMPARISONS: Comparison<any>[] = [...otpComparisons, ...recoveryComparisons];

const FAIL_ABOVE = 10;
const measurements = Number(process.env.TIMING_MEASUREMENTS ?? 1_000_000);
const only = process.env.TIMING_ONLY;
const started = performance.now();
let failed = 0;
console.log(`timing: ${measurements} measurements per comparison; |t| > 4.5 suggests a leak, > ${FAIL_ABOVE} fails`);
for (const comparison of COMPARISONS) {
  if (only !== undefined && !comparison.name.includes(only)) continue;
  const result = leakTest(comparison, { measurements });
  // A control that leaks must be found, or the harness itself is broken.
  const fails = comparison.leaks ? result.maxAbsT <= FAIL_ABOVE : result.maxAbsT > FAIL_ABOVE;
  failed += fails ? 1 : 0;
  console.log(`${fails ? 'not ok' : 'ok    '} ${formatResult(result)}`);
}
const seconds = ((performance.now() - started) / 1000).toFixed(0);
console.log(
  `timing: ${failed} comparison(s) failed (|t| > ${FAIL_ABOVE}, or a leaky control not found) in ${seconds} s`,
);
process.exitCode = failed === 0 ? 0 : 1;
