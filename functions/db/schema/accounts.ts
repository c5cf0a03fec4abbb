import { sqliteTable, text, integer, uniqueIndex, index } from 'drizzle-orm/sqlite-core';

/** Roles, declared once. Staff roles get shorter sessions and are asked to add a passkey. */
export const roles = ['admin', 'coordinator', 'competition_manager', 'juror', 'entrant', 'partner_caseworker'] as const;
export type Role = (typeof roles)[number];
export const staffRoles: readonly Role[] = ['admin', 'coordinator', 'competition_manager', 'juror'];

export const userStatuses = ['active', 'disabled'] as const;

/** People who can sign in. The e-mail address is the identity (magic links). */
export const users = sqliteTable(
  'users',
  {
    id: text('id').primaryKey(),
    /** Lower-cased and trimmed. */
    email: text('email').notNull(),
    displayName: text('display_name'),
    /** Language of mails to this person. */
    locale: text('locale').notNull(),
    status: text('status', { enum: userStatuses }).notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [uniqueIndex('users_email_unique').on(t.email)],
);

/** A role held by a user, for the whole portal (scope '') or one competition edition. */
export const roleAssignments = sqliteTable(
  'role_assignments',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: roles }).notNull(),
    /** '' for portal-wide, else e.g. `edition:2027`. */
    scope: text('scope').notNull().default(''),
    grantedBy: text('granted_by'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [uniqueIndex('role_assignments_unique').on(t.userId, t.role, t.scope)],
);

/**
 * Magic-link tokens. Only hashes are stored: of the token (mailed) and of the browser-binding
 * cookie set when the link was asked for, so a link works once, for 15 minutes, in that browser.
 */
export const loginTokens = sqliteTable('login_tokens', {
  tokenHash: text('token_hash').primaryKey(),
  userId: text('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  browserHash: text('browser_hash').notNull(),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
  usedAt: integer('used_at', { mode: 'timestamp_ms' }),
});

/** Server-side sessions; the cookie holds a random id, the table only its hash. */
export const sessions = sqliteTable(
  'sessions',
  {
    idHash: text('id_hash').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    lastSeenAt: integer('last_seen_at', { mode: 'timestamp_ms' }).notNull(),
    /** The absolute end, whatever the activity. */
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    revokedAt: integer('revoked_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('sessions_user').on(t.userId)],
);

/**
 * Who did what to which object, and when. Never special-category data: objects are named by id,
 * and an address that is not an account is recorded only as a hash.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: text('id').primaryKey(),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
    actorId: text('actor_id'),
    action: text('action').notNull(),
    objectType: text('object_type'),
    objectId: text('object_id'),
    /** Small JSON details (role granted, reason refused). */
    details: text('details').notNull().default('{}'),
  },
  (t) => [
    index('audit_log_at').on(t.at),
    index('audit_log_actor').on(t.actorId),
    // A person's or an entry's history (admin pages).
    index('audit_log_object').on(t.objectType, t.objectId),
  ],
);

/** Fixed-window counters for rate limits, one row per key and window. */
export const rateLimits = sqliteTable('rate_limits', {
  key: text('key').primaryKey(),
  windowStart: integer('window_start', { mode: 'timestamp_ms' }).notNull(),
  count: integer('count').notNull(),
});

/** Passkeys (WebAuthn credentials). Only public keys are stored; losing one falls back to a magic link. */
export const passkeys = sqliteTable(
  'passkeys',
  {
    /** The credential id, base64url, as the authenticator returns it. */
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** COSE public key, base64url. */
    publicKey: text('public_key').notNull(),
    /** Signature counter; a counter that goes backwards betrays a cloned authenticator. */
    counter: integer('counter').notNull(),
    /** Transports (usb, nfc, internal, hybrid…; stored as a JSON array), passed back as hints. */
    transports: text('transports', { mode: 'json' }).$type<string[]>().notNull().default([]),
    /** Synced (multi-device) passkeys survive a lost phone; single-device ones do not. */
    backedUp: integer('backed_up', { mode: 'boolean' }).notNull(),
    /** The owner's own label, e.g. "Work laptop". */
    name: text('name').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    lastUsedAt: integer('last_used_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('passkeys_user').on(t.userId)],
);

export const webauthnPurposes = ['register', 'authenticate'] as const;

/**
 * Outstanding WebAuthn challenges, one per ceremony, keyed by the hash of a cookie set on the
 * browser that started it. Taken (deleted) on first use, so a ceremony cannot be replayed.
 */
export const webauthnChallenges = sqliteTable('webauthn_challenges', {
  browserHash: text('browser_hash').primaryKey(),
  challenge: text('challenge').notNull(),
  purpose: text('purpose', { enum: webauthnPurposes }).notNull(),
  /** Set for registration: the signed-in user adding a passkey. */
  userId: text('user_id').references(() => users.id, { onDelete: 'cascade' }),
  expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
});

/**
 * Proof-of-work answers already accepted (S03): an answer counts once. Rows can go when the
 * challenge itself has expired, because an expired challenge is refused anyway.
 */
export const powRedeemed = sqliteTable('pow_redeemed', {
  /** SHA-256 of the challenge signature, which is unique per challenge. */
  signatureHash: text('signature_hash').primaryKey(),
  expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
});
