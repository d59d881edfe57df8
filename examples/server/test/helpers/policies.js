// Throttle policies for the tests, passed to the server as THROTTLE_POLICY (JSON merged over the default).
//   FAST:    lock-out after 3 failures, for 3 s: long enough to see 429, short enough to wait out.
//   LENIENT: never locks: every one of 50 parallel requests reaches the code check, so that the concurrency tests
//            exercise the replay protection itself and not the throttle in front of it.
// They are written for the policy type of src/lifecycle-shim.js ({ maxFailures, lockoutMs }). When the server
// takes throttling from totp-config itself, rewrite them for the library's policy type: the check below says so.
import { DEFAULT_THROTTLE_POLICY } from '../../src/totp.js';

if (!('maxFailures' in DEFAULT_THROTTLE_POLICY && 'lockoutMs' in DEFAULT_THROTTLE_POLICY)) {
  throw new Error(
    'test/helpers/policies.js: the throttle policy type has changed (totp-config now provides it); ' +
      'rewrite FAST and LENIENT for it',
  );
}

export const FAST = { maxFailures: 3, lockoutMs: 3_000 };
export const LENIENT = { maxFailures: 1_000_000, lockoutMs: 1 };

export const policyEnv = (policy) => ({ THROTTLE_POLICY: JSON.stringify(policy) });
