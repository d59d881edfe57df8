-- The whole schema. PGlite and PostgreSQL run this same file (src/db.js applies it once, under a lock).

-- One row per account. The TOTP columns follow enrollment:
--   totp_pending_secret  set by POST /api/2fa/enroll, returned again by every enroll until it is confirmed;
--   totp_secret          set (and the pending secret cleared) by POST /api/2fa/confirm: 2FA is on iff not null;
--   totp_last_step       the RFC 6238 time step of the last code accepted. A code is accepted only by the
--                        UPDATE that raises it (see src/api.js), which is what makes each code single-use.
-- The throttle columns hold totp-config's throttle state (JSON), one for passwords and one for second factors.
CREATE TABLE users (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username text NOT NULL UNIQUE,
  password_hash text NOT NULL,
  totp_pending_secret text,
  totp_secret text,
  totp_last_step integer,
  password_throttle jsonb,
  mfa_throttle jsonb,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Recovery codes, hashed (hashRecoveryCode). A code is used up by deleting its row: DELETE ... RETURNING.
CREATE TABLE recovery_codes (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  code_hash text NOT NULL
);
CREATE INDEX recovery_codes_user_id ON recovery_codes (user_id);

-- Sessions. The cookie holds a random token; only its SHA-256 is stored, so a copy of the table opens no session.
-- 'pending' = password checked, second factor still due; 'complete' = signed in.
CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  stage text NOT NULL CHECK (stage IN ('pending', 'complete')),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_user_id ON sessions (user_id);
CREATE INDEX sessions_expires_at ON sessions (expires_at);
