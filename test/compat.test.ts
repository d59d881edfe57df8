// App compatibility: the table's integrity (a source and a date per rule, "unknown" wherever there is none, no
// overlapping rules), one test per rule naming its source, the three input forms, the portable profile, the
// compact copy that generateUserConfiguration checks (derived from the table and equivalent to it), and the
// README's summary table, regenerated from the rules. KeePassXC's rules are measured in compat-keepassxc.test.ts.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  APPS,
  checkAppCompatibility,
  COMPATIBILITY_RULES,
  formatCompatibility,
  PORTABLE_OPTIONS,
  type AppId,
  type CompatibilityOptions,
  type CompatibilityRule,
  type Verdict,
} from '../src/compat.js';
import { APP_SUPPORT } from '../src/internal/app-support.js';
import { formatOtpauthUri, generateUserConfiguration, type UserConfigurationOptions } from '../src/index.js';

const ISSUE_APPS: AppId[] = [
  'google-authenticator-android',
  'google-authenticator-ios',
  'microsoft-authenticator',
  'authy',
  '1password',
  'bitwarden',
  'aegis',
  '2fas',
  'freeotp',
  'proton-pass',
  'keepassxc',
  'yubico-authenticator',
  'okta-verify',
  'duo-mobile',
  'lastpass-authenticator',
];
const VERDICTS: Verdict[] = ['works', 'fails', 'silent', 'unknown'];
const TODAY = new Date().toISOString().slice(0, 10);

/** A sample value inside a rule's values: the middle of a range (or its ends, if the middle is the default 30 s). */
function sample(rule: CompatibilityRule): string | number {
  if (!Array.isArray(rule.values)) return rule.values as string | number;
  const [min, max] = rule.values;
  return [Math.floor((min + max) / 2), min, max].find((v) => rule.parameter !== 'period' || v !== 30)!;
}

/** Options that differ from the defaults in `parameter` only. */
function optionsWith(parameter: CompatibilityRule['parameter'], value: string | number): CompatibilityOptions {
  switch (parameter) {
    case 'secret':
      return { secretSize: value as number };
    case 'type':
      return { type: value as 'hotp' };
    case 'encoder':
      return { encoder: value as 'steam' };
    default:
      return { [parameter]: value };
  }
}

const resultFor = (input: Parameters<typeof checkAppCompatibility>[0], app: AppId) =>
  checkAppCompatibility(input).find((r) => r.app === app)!;

test('the table: the 14 apps of the issue and more, every rule with a verdict, a behaviour, a source and a date', () => {
  const ids = APPS.map((a) => a.id);
  for (const app of ISSUE_APPS) assert.ok(ids.includes(app), app);
  assert.equal(new Set(ids).size, ids.length);
  for (const rule of COMPATIBILITY_RULES) {
    const what = `${rule.app} ${rule.parameter} ${JSON.stringify(rule.values)}`;
    assert.ok(rule.app === '*' || ids.includes(rule.app), what);
    assert.ok(VERDICTS.includes(rule.verdict), what);
    assert.ok(rule.behaviour.length > 5 && rule.source.length > 10, what);
    assert.match(rule.checked, /^20\d\d-(0[1-9]|1[0-2])(-\d\d)?$/, what);
    assert.ok(rule.checked <= TODAY, `${what}: checked in the future`);
    // A rule that answers "unknown" must say why: the sources disagree.
    if (rule.verdict === 'unknown') assert.match(rule.behaviour, /disagree/, what);
  }
});

test('the table: no two rules of one app cover the same value, and none covers a default value', () => {
  const defaults: Record<string, (string | number)[]> = {
    algorithm: ['SHA1'],
    digits: [6],
    period: [30],
    type: ['totp'],
    encoder: ['decimal'],
    secret: [16, 20, 64],
  };
  const probes: Record<string, (string | number)[]> = {
    algorithm: ['SHA256', 'SHA512'],
    digits: [7, 8],
    type: ['hotp'],
    encoder: ['steam'],
    period: Array.from({ length: 3600 }, (_, i) => i + 1),
    secret: Array.from({ length: 15 }, (_, i) => i + 1),
  };
  const covers = (rule: CompatibilityRule, v: string | number) =>
    Array.isArray(rule.values) ? (v as number) >= rule.values[0] && (v as number) <= rule.values[1] : rule.values === v;
  for (const app of ['*', ...APPS.map((a) => a.id)]) {
    for (const [parameter, values] of Object.entries(probes)) {
      const rules = COMPATIBILITY_RULES.filter((r) => r.app === app && r.parameter === parameter);
      for (const value of values) {
        assert.ok(rules.filter((r) => covers(r, value)).length <= 1, `${app} ${parameter} ${value}: two rules`);
      }
      for (const value of defaults[parameter]) {
        // The range rules of `period` include 30 for brevity; only non-default values are ever looked up.
        if (parameter !== 'period') assert.ok(!rules.some((r) => covers(r, value)), `${app} ${parameter} ${value}`);
      }
    }
  }
});

describe('each rule, checked through checkAppCompatibility (the test name cites its source)', () => {
  for (const rule of COMPATIBILITY_RULES) {
    if (rule.app === '*') continue;
    const value = sample(rule);
    test(`${rule.app}: ${rule.parameter} ${value} → ${rule.verdict} (${rule.source}, ${rule.checked})`, () => {
      const result = resultFor(optionsWith(rule.parameter, value), rule.app as AppId);
      assert.equal(result.findings.length, 1);
      assert.deepEqual(result.findings[0], {
        parameter: rule.parameter,
        value,
        verdict: rule.verdict,
        behaviour: rule.behaviour,
        source: rule.source,
        checked: rule.checked,
      });
      assert.equal(result.verdict, rule.verdict);
    });
  }
});

test('"unknown", with no source, wherever no rule covers a value', () => {
  const result = resultFor({ digits: 7 }, 'google-authenticator-android');
  assert.deepEqual(result.findings, [
    {
      parameter: 'digits',
      value: 7,
      verdict: 'unknown',
      behaviour: 'no source found',
      source: undefined,
      checked: undefined,
    },
  ]);
  assert.equal(result.verdict, 'unknown');
  // The rule for every app ('*') answers where an app has none of its own; an app's own rule wins.
  assert.equal(resultFor({ secretSize: 10 }, 'aegis').findings[0].verdict, 'works');
  assert.equal(resultFor({ secretSize: 10 }, 'freeotp').findings[0].verdict, 'fails');
  assert.equal(resultFor({ secretSize: 5 }, 'aegis').verdict, 'unknown');
});

test("an app's verdict is its worst finding: fails, then silent, then unknown, then works", () => {
  assert.equal(resultFor({ algorithm: 'SHA512', digits: 8, period: 60 }, 'microsoft-authenticator').verdict, 'silent');
  assert.equal(resultFor({ algorithm: 'SHA512', period: 90 }, '1password').verdict, 'fails'); // fails + unknown
  assert.equal(resultFor({ digits: 7, period: 90 }, 'google-authenticator-android').verdict, 'silent'); // + unknown
  assert.equal(resultFor({ digits: 7 }, 'keepassxc').verdict, 'works');
  const all = checkAppCompatibility({ algorithm: 'SHA256', digits: 8, period: 60 });
  assert.deepEqual(
    all.map((r) => r.app),
    APPS.map((a) => a.id),
  );
  for (const r of all) assert.equal(r.findings.length, 3);
});

test('options, a configuration and its otpauth URI give the same answer; Steam, HOTP and short secrets', () => {
  const options = { algorithm: 'SHA512', digits: 8, period: 90 } as const;
  const configuration = generateUserConfiguration('alice@example.com', 'Example Co', options);
  const fromOptions = checkAppCompatibility({ ...options, secretSize: 64 });
  assert.deepEqual(checkAppCompatibility(configuration), fromOptions);
  assert.deepEqual(checkAppCompatibility(configuration.otpauth_str), fromOptions);
  const secret = 'JBSWY3DPEHPK3PXP'; // 10 bytes
  const hotp = formatOtpauthUri({ type: 'hotp', secret, account: 'bob', counter: 3 });
  assert.deepEqual(checkAppCompatibility(hotp), checkAppCompatibility({ type: 'hotp', secret }));
  assert.deepEqual(
    resultFor(hotp, 'freeotp').findings.map((f) => [f.parameter, f.value, f.verdict]),
    [
      ['type', 'hotp', 'works'],
      ['secret', 10, 'fails'],
    ],
  );
  const steam = formatOtpauthUri({ encoder: 'steam', secret: configuration.secret, account: 'bob' });
  assert.deepEqual(
    resultFor(steam, 'keepassxc').findings.map((f) => [f.parameter, f.verdict]),
    [['encoder', 'works']],
  );
  assert.equal(resultFor({ encoder: 'steam' }, 'bitwarden').verdict, 'silent');
});

test('bad input: typed errors with codes', () => {
  assert.throws(() => checkAppCompatibility('https://example.com'), { code: 'ERR_OTPAUTH_SCHEME' });
  assert.throws(() => checkAppCompatibility({ digits: 9 }), { name: 'RangeError', code: 'ERR_OUT_OF_RANGE' });
  assert.throws(() => checkAppCompatibility({ period: 0 }), { name: 'RangeError', code: 'ERR_OUT_OF_RANGE' });
  assert.throws(() => checkAppCompatibility({ algorithm: 'MD5' as never }), { code: 'ERR_INVALID_ARG_VALUE' });
  assert.throws(() => checkAppCompatibility({ encoder: 'steam', algorithm: 'SHA256' }), {
    code: 'ERR_INVALID_ARG_VALUE',
  });
  assert.throws(() => checkAppCompatibility({ otpauth_str: 42 } as never), {
    name: 'TypeError',
    code: 'ERR_INVALID_ARG_TYPE',
  });
  assert.throws(() => checkAppCompatibility(null as never), { name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => formatCompatibility([{}] as never), { name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' });
});

test('PORTABLE_OPTIONS: every app works with it, and no other value works in every app', () => {
  for (const r of checkAppCompatibility(PORTABLE_OPTIONS)) assert.equal(r.verdict, 'works', r.app);
  const others: CompatibilityOptions[] = [
    { algorithm: 'SHA256' },
    { algorithm: 'SHA512' },
    { digits: 7 },
    { digits: 8 },
    { type: 'hotp' },
    { encoder: 'steam' },
    { secretSize: 10 },
    ...[1, 15, 29, 31, 45, 60, 61, 90, 3600].map((period) => ({ period })),
  ];
  for (const options of others) {
    const holdouts = checkAppCompatibility(options).filter((r) => r.verdict !== 'works');
    assert.ok(holdouts.length > 0, `${JSON.stringify(options)} works everywhere: add it to PORTABLE_OPTIONS`);
  }
  const everyApp = [...APPS.map((a) => a.id), 'google-authenticator'];
  assert.ok(generateUserConfiguration('bob', 'Example Co', { ...PORTABLE_OPTIONS, compatibleWith: everyApp }));
});

/** The compact form of the table: what generateUserConfiguration checks (see src/internal/app-support.ts). */
function compactSupport(apps: AppId[]): string {
  const works = (options: CompatibilityOptions) => apps.every((app) => resultFor(options, app).verdict === 'works');
  let features = '';
  if (works({ algorithm: 'SHA256' })) features += '2';
  if (works({ algorithm: 'SHA512' })) features += '5';
  if (works({ digits: 7 })) features += '7';
  if (works({ digits: 8 })) features += '8';
  const ranges: string[] = [];
  for (let period = 1; period <= 3600; period++) {
    if (period === 30 || !works({ period })) continue;
    const last = ranges.at(-1)?.split('-');
    if (last && Number(last.at(-1)) === period - 1) ranges[ranges.length - 1] = `${last[0]}-${period}`;
    else if (last && Number(last.at(-1)) === period - 2 && period - 1 === 30)
      ranges[ranges.length - 1] = `${last[0]}-${period}`;
    else ranges.push(String(period));
  }
  return [features, ...ranges].join(' ');
}

test('the compact copy in src/internal/app-support.ts is the table reduced to its "works" rules', () => {
  const expected: Record<string, string> = {};
  for (const { id } of APPS) expected[id] = compactSupport([id]);
  expected['google-authenticator'] = compactSupport(['google-authenticator-android', 'google-authenticator-ios']);
  const sorted = (o: Record<string, string>) => Object.fromEntries(Object.entries(o).sort());
  assert.deepEqual(sorted({ ...APP_SUPPORT }), sorted(expected), `APP_SUPPORT should be ${JSON.stringify(expected)}`);
});

test('generateUserConfiguration(…, { compatibleWith }) refuses exactly what checkAppCompatibility does not call "works"', () => {
  const grid: UserConfigurationOptions[] = [];
  for (const algorithm of ['SHA1', 'SHA256', 'SHA512'] as const) {
    for (const digits of [6, 7, 8] as const) {
      for (const period of [1, 15, 29, 30, 31, 59, 60, 61, 90, 3600]) grid.push({ algorithm, digits, period });
    }
  }
  for (const { id } of APPS) {
    for (const options of grid) {
      const works = resultFor(options, id).verdict === 'works';
      let error: (Error & { code?: string }) | undefined;
      try {
        generateUserConfiguration('bob', 'Example Co', { ...options, compatibleWith: [id] });
      } catch (e) {
        error = e as Error & { code?: string };
      }
      assert.equal(error === undefined, works, `${id} ${JSON.stringify(options)}: ${error?.message}`);
      if (error) {
        assert.equal(error.code, 'ERR_APP_INCOMPATIBLE');
        assert.match(error.message, new RegExp(`"options\\.(algorithm|digits|period)" .*'${id}'`));
      }
    }
  }
  // 'google-authenticator' is both platforms: refused if either would mishandle it.
  assert.throws(
    () => generateUserConfiguration('bob', 'ACME', { period: 60, compatibleWith: ['google-authenticator'] }),
    { name: 'RangeError', code: 'ERR_APP_INCOMPATIBLE', message: /"options\.period" .*'google-authenticator'/ },
  );
  assert.ok(generateUserConfiguration('bob', 'ACME', { period: 60, compatibleWith: ['google-authenticator-ios'] }));
  assert.ok(generateUserConfiguration('bob', 'ACME', { algorithm: 'SHA256', compatibleWith: [] }));
  assert.throws(() => generateUserConfiguration('bob', 'ACME', { compatibleWith: 'aegis' as never }), {
    name: 'TypeError',
    code: 'ERR_INVALID_ARG_TYPE',
  });
  for (const app of ['Aegis', 'google', 'toString', 42]) {
    assert.throws(() => generateUserConfiguration('bob', 'ACME', { compatibleWith: [app as never] }), {
      name: 'RangeError',
      code: 'ERR_INVALID_ARG_VALUE',
    });
  }
});

/** The README's summary: one row per app, one column per value, the verdict in each cell. */
function summaryTable(): string {
  const columns: [string, CompatibilityOptions][] = [
    ['SHA256', { algorithm: 'SHA256' }],
    ['SHA512', { algorithm: 'SHA512' }],
    ['7 digits', { digits: 7 }],
    ['8 digits', { digits: 8 }],
    ['period 60', { period: 60 }],
    ['period 90', { period: 90 }],
    ['HOTP', { type: 'hotp' }],
  ];
  const lines = [
    `| App (\`compatibleWith\` name) | ${columns.map(([name]) => name).join(' | ')} |`,
    `| --- | ${columns.map(() => '---').join(' | ')} |`,
  ];
  for (const { id, name } of APPS) {
    const cells = columns.map(([, options]) => resultFor(options, id).verdict);
    lines.push(`| ${name} (\`${id}\`) | ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

test('the README summary table is generated from the rules', () => {
  const readme = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', 'README.md'), 'utf8');
  const after = readme.split('<!-- compat-summary')[1];
  assert.ok(after, 'the README has the compatibility summary');
  const table = after.slice(after.indexOf('\n') + 1).split('\n\n')[0];
  assert.equal(table, summaryTable());
});

test('formatCompatibility: one line per app, one per parameter at fault, with its evidence', () => {
  const text = formatCompatibility(checkAppCompatibility({ period: 90, type: 'totp' }));
  const lines = text.trimEnd().split('\n');
  assert.match(lines[0], /^Google Authenticator \(Android\) +silent$/);
  assert.match(lines[1], /^ {2}period 90: silent: ignores period: shows 30 s codes \(.*, 2023-07\)$/);
  assert.ok(lines.includes('  period 90: unknown: no source found'));
  assert.ok(text.endsWith('\n'));
  assert.equal(lines.filter((l) => !l.startsWith(' ')).length, APPS.length);
});
