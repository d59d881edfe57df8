// Throttle policies for the tests, passed to the server as THROTTLE_POLICY (JSON, a partial ThrottlePolicy of
// totp-config: the library takes what is left out from its DEFAULT_THROTTLE_POLICY).
//   FAST:    lock-out after 3 failures, for 3 s every time: long enough to see 429, short enough to wait out.
//   LENIENT: never locks, and no long-window cap: every one of 50 parallel requests reaches the code check, so
//            that the concurrency tests exercise the replay protection itself and not the throttle in front of it.
export const FAST = { maxFailures: 3, lockoutMs: 3_000, backoff: 'fixed' };
export const LENIENT = { maxFailures: 1_000_000_000, windowFailures: 1_000_000_000 };

export const policyEnv = (policy) => ({ THROTTLE_POLICY: JSON.stringify(policy) });
