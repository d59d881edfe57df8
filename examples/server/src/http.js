// The HTTP plumbing, on node:http: JSON bodies read with a size limit, JSON answers, errors that become 4xx
// answers, cookies. Nothing here knows about users or codes.
/** Bodies above this are refused with 413 before they are read: every request of the API fits in far less. */
const BODY_LIMIT = 4096;

/** An answer to give instead of going on: status, a stable code for programs, a message for people. */
export class HttpError extends Error {
  constructor(status, code, message, headers = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
}

/** Headers sent with every answer. The page's CSP is in app.js, with the page. */
const COMMON_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'x-frame-options': 'DENY',
};

export function send(res, status, body, contentType, headers = {}) {
  res.writeHead(status, {
    ...COMMON_HEADERS,
    'content-type': contentType,
    'content-length': Buffer.byteLength(body),
    ...headers,
  });
  res.end(body);
}

export function sendJson(res, status, value, headers = {}) {
  send(res, status, JSON.stringify(value), 'application/json; charset=utf-8', {
    'cache-control': 'no-store',
    ...headers,
  });
}

export function sendError(res, error) {
  sendJson(res, error.status, { error: error.code, message: error.message }, error.headers);
}

/**
 * Reads a JSON object body: `application/json`, at most BODY_LIMIT bytes, an object (not an array, a string …).
 * @returns {Promise<Record<string, unknown>>}
 * @throws {HttpError} 415, 413 or 400.
 */
export async function readJsonObject(req) {
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  // Requiring JSON also keeps out the cross-site form posts that need no CORS preflight.
  if (type !== 'application/json')
    throw new HttpError(415, 'unsupported_media_type', 'the body must be application/json');
  const declared = req.headers['content-length'];
  if (declared !== undefined && !(Number(declared) <= BODY_LIMIT)) throw tooLarge();
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > BODY_LIMIT) throw tooLarge();
    chunks.push(chunk);
  }
  let value;
  try {
    value = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'invalid_json', 'the body is not valid JSON');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new HttpError(400, 'invalid_body', 'the body must be a JSON object');
  }
  return value;
}

function tooLarge() {
  // The rest of the body is not read: close the connection after answering rather than drain it.
  return new HttpError(413, 'body_too_large', `the body must be at most ${BODY_LIMIT} bytes`, { connection: 'close' });
}

/**
 * One string field of a body, checked: present, a string, well-formed Unicode, within the length limits.
 * @throws {HttpError} 400 naming the field and the rule (never echoing the value).
 */
export function stringField(body, name, { min = 1, max }) {
  const value = Object.hasOwn(body, name) ? body[name] : undefined;
  if (value === undefined) throw new HttpError(400, 'missing_field', `"${name}" is required`);
  if (typeof value !== 'string') throw new HttpError(400, 'invalid_field', `"${name}" must be a string`);
  if (value.length < min || value.length > max) {
    throw new HttpError(400, 'invalid_field', `"${name}" must be ${min} to ${max} characters long`);
  }
  if (!value.isWellFormed()) throw new HttpError(400, 'invalid_field', `"${name}" must be well-formed Unicode`);
  return value;
}

/** The value of cookie `name` in the request, or undefined. */
export function readCookie(req, name) {
  const header = req.headers.cookie;
  if (typeof header !== 'string') return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
