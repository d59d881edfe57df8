/**
 * What `generateUserConfiguration(…, { compatibleWith })` checks: per app, the options it is *known* to compute
 * correctly beyond the Key URI Format's defaults (SHA1, 6 digits, 30 s). This is the sourced table of
 * `src/compat.ts` reduced to its `works` rules for those three options, kept here without the sources and dates so
 * that the configuration bundle stays small; `test/compat.test.ts` derives it from that table and fails if the two
 * differ. Anything not listed is refused: `fails`, `silent` and `unknown` alike.
 *
 * Each value: `2` SHA256, `5` SHA512 (the fourth character of the algorithm's name), `7` and `8` digits, then,
 * after spaces, the periods known to work as `a-b` ranges or single values.
 *
 * @module
 */
import { rangeError, typeError } from '../errors.js';
import { type Algorithm, DEFAULT_ALGORITHM, DEFAULT_DIGITS, DEFAULT_PERIOD } from '../params.js';
import { describeType } from './assert.js';

export const APP_SUPPORT: Readonly<Record<string, string>> = {
  'google-authenticator-android': '258',
  'google-authenticator-ios': '258 60',
  'google-authenticator': '258', // both platforms
  'microsoft-authenticator': '',
  authy: '',
  '1password': '2',
  bitwarden: '2578 1-3600',
  aegis: '2578 1-3600',
  '2fas': '2578 1-3600',
  freeotp: '2578 1-3600',
  'proton-pass': '2578 1-3600',
  keepassxc: '2578 1-60',
  'yubico-authenticator': '258 1-3600',
  'okta-verify': '',
  'duo-mobile': '',
  'lastpass-authenticator': '258 1-3600',
  'apple-passwords': '25',
};

/**
 * The first option that an app's {@link APP_SUPPORT} entry does not cover, or `''`: a default always works, and
 * a period is looked up only when it is not the default.
 */
function firstFault(support: string, algorithm: Algorithm, digits: number, period: number): string {
  const [features, ...periods] = support.split(' ');
  if (algorithm !== DEFAULT_ALGORITHM && !features.includes(algorithm[3])) return 'algorithm';
  if (digits !== DEFAULT_DIGITS && !features.includes(String(digits))) return 'digits';
  if (period === DEFAULT_PERIOD) return '';
  const inRange = (range: string) => {
    const [from, to = from] = range.split('-');
    return period >= +from && period <= +to;
  };
  return periods.some(inRange) ? '' : 'period';
}

/**
 * Throws `ERR_APP_INCOMPATIBLE`, naming the app and the option, unless every app in `apps` is known to compute
 * correct codes for these options; `ERR_INVALID_ARG_TYPE` / `ERR_INVALID_ARG_VALUE` for a list that is not an
 * array of known app names.
 */
export function assertCompatible(apps: unknown, algorithm: Algorithm, digits: number, period: number): void {
  if (!Array.isArray(apps)) {
    const received = describeType(apps);
    throw typeError('ERR_INVALID_ARG_TYPE', `"options.compatibleWith" must be an array (received ${received})`);
  }
  for (const app of apps as unknown[]) {
    const support = typeof app === 'string' && Object.hasOwn(APP_SUPPORT, app) ? APP_SUPPORT[app] : undefined;
    if (support === undefined) {
      throw rangeError('ERR_INVALID_ARG_VALUE', `"options.compatibleWith" holds an unknown app name`);
    }
    const fault = firstFault(support, algorithm, digits, period);
    if (fault) throw rangeError('ERR_APP_INCOMPATIBLE', `"options.${fault}" is not known to work in '${app}'`);
  }
}
