// The page: plain DOM, no framework, no innerHTML (the CSP enforces Trusted Types), talking to the JSON API of
// this same origin. The session lives in an HttpOnly cookie that this script never sees.
const $ = (id) => document.getElementById(id);

/** POST or GET a JSON API path; returns { status, body }. The browser adds the Origin header itself. */
async function api(path, body) {
  const init =
    body === undefined
      ? { method: path === '/api/me' ? 'GET' : 'POST' }
      : {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        };
  const response = await fetch(path, { ...init, credentials: 'same-origin' });
  let json = {};
  try {
    json = await response.json();
  } catch {
    // every answer is JSON; keep going with an empty one if not
  }
  return { status: response.status, body: json };
}

function show(section) {
  for (const id of ['signed-out', 'second-factor', 'signed-in']) $(id).hidden = id !== section;
}

function say(text) {
  $('error').hidden = true;
  $('message').textContent = text;
  $('message').hidden = !text;
}

function complain(result) {
  $('message').hidden = true;
  const retry = result.status === 429 ? ' (too many attempts)' : '';
  $('error').textContent = (result.body.message ?? `request failed (${result.status})`) + retry;
  $('error').hidden = false;
}

/** The secret in groups of four, as authenticator apps show it and as people type it. */
const grouped = (secret) => secret.match(/.{1,4}/g).join(' ');

async function refresh() {
  const me = await api('/api/me');
  if (me.status === 200) {
    $('me-username').textContent = me.body.username;
    $('me-mfa').textContent = me.body.mfa_enabled ? 'on' : 'off';
    $('enroll').hidden = me.body.mfa_enabled || !$('enrollment').hidden;
    show('signed-in');
  } else if (me.body.error === 'second_factor_required') {
    show('second-factor');
  } else {
    show('signed-out');
  }
}

function onSubmit(id, handler) {
  $(id).addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = event.target.querySelector('button');
    button.disabled = true;
    try {
      await handler(new FormData(event.target));
    } finally {
      button.disabled = false;
    }
  });
}

onSubmit('signup-form', async (form) => {
  const result = await api('/api/signup', { username: form.get('username'), password: form.get('password') });
  if (result.status !== 201) return complain(result);
  $('signup-form').reset();
  $('login-username').value = result.body.username;
  say(`Account ${result.body.username} created: sign in below.`);
});

onSubmit('login-form', async (form) => {
  const result = await api('/api/login', { username: form.get('username'), password: form.get('password') });
  if (result.status !== 200) return complain(result);
  $('login-form').reset();
  say(result.body.mfa_required ? 'Password accepted: now your code.' : 'Signed in.');
  await refresh();
});

onSubmit('totp-form', async (form) => {
  const result = await api('/api/login/totp', { token: form.get('token') });
  $('totp-form').reset();
  if (result.status !== 200) return complain(result);
  say('Signed in with your authenticator code.');
  await refresh();
});

onSubmit('recovery-form', async (form) => {
  const result = await api('/api/login/recovery', { code: form.get('code') });
  $('recovery-form').reset();
  if (result.status !== 200) return complain(result);
  say(`Signed in with a recovery code. ${result.body.recovery_codes_left} left.`);
  await refresh();
});

$('enroll').addEventListener('click', async () => {
  const result = await api('/api/2fa/enroll');
  if (result.status !== 200) return complain(result);
  // An <img> with a data: URL: SVG in an image cannot run script, and nothing is parsed into this document.
  $('qr').src = `data:image/svg+xml,${encodeURIComponent(result.body.qr_svg)}`;
  $('secret').textContent = grouped(result.body.secret);
  $('enrollment').hidden = false;
  $('enroll').hidden = true;
  say('Scan the QR code, or type the key, then enter the code your app shows.');
});

onSubmit('confirm-form', async (form) => {
  const result = await api('/api/2fa/confirm', { token: form.get('token') });
  $('confirm-form').reset();
  if (result.status !== 200) return complain(result);
  $('enrollment').hidden = true;
  $('qr').removeAttribute('src');
  $('secret').textContent = '';
  const list = $('recovery-codes');
  list.replaceChildren(
    ...result.body.recovery_codes.map((code) => Object.assign(document.createElement('li'), { textContent: code })),
  );
  $('recovery').hidden = false;
  say('Two-factor authentication is on.');
  await refresh();
});

$('recovery-saved').addEventListener('click', () => {
  $('recovery-codes').replaceChildren();
  $('recovery').hidden = true;
  say('');
});

$('logout').addEventListener('click', async () => {
  await api('/api/logout');
  $('enrollment').hidden = true;
  $('recovery').hidden = true;
  $('recovery-codes').replaceChildren();
  say('Signed out.');
  await refresh();
});

$('cancel-sign-in').addEventListener('click', async () => {
  await api('/api/logout');
  say('');
  await refresh();
});

refresh();
