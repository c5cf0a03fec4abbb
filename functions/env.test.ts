import { describe, expect, it } from 'vitest';
import { depsFromEnv } from './env.ts';

const files = {} as R2Bucket;
const libsql = { LIBSQL_URL: 'http://127.0.0.1:1' };

describe('depsFromEnv', () => {
  it('runs locally with the local mailbox and no secrets', () => {
    const deps = depsFromEnv({ ...libsql, FILES: files, PUBLIC_ORIGIN: 'http://127.0.0.1:4321' });
    expect(deps.mailbox).toBeDefined();
    expect(deps.config.publicOrigin).toBe('http://127.0.0.1:4321');
  });

  it('refuses a public origin that still uses the local mailbox or lacks a token secret', () => {
    expect(() => depsFromEnv({ ...libsql, FILES: files, PUBLIC_ORIGIN: 'https://spotlight.example.org' })).toThrow(
      /MAIL_TRANSPORT=http/,
    );
    expect(() =>
      depsFromEnv({
        ...libsql,
        PUBLIC_ORIGIN: 'https://spotlight.example.org',
        MAIL_TRANSPORT: 'http',
        MAIL_API_URL: 'https://mail.example.org/send',
        MAIL_API_TOKEN: 't',
      }),
    ).toThrow();
  });

  it("takes the people's-choice voter-hash key from VOTER_HASH_SECRET (32 characters at least), else none", () => {
    const local = { ...libsql, FILES: files, PUBLIC_ORIGIN: 'http://127.0.0.1:4321' };
    expect(depsFromEnv(local).config.voterHashSecret).toBeUndefined();
    expect(depsFromEnv({ ...local, VOTER_HASH_SECRET: 'v'.repeat(32) }).config.voterHashSecret).toBe('v'.repeat(32));
    expect(() => depsFromEnv({ ...local, VOTER_HASH_SECRET: 'short' })).toThrow();
  });

  it('uses the HTTP mail API and no mailbox in production', () => {
    const deps = depsFromEnv({
      ...libsql,
      PUBLIC_ORIGIN: 'https://spotlight.example.org/',
      MAIL_TRANSPORT: 'http',
      MAIL_API_URL: 'https://mail.example.org/send',
      MAIL_API_TOKEN: 'token',
      TOKEN_SECRET: 'a-production-secret-of-at-least-32-chars',
    });
    expect(deps.mailbox).toBeUndefined();
    expect(deps.config.publicOrigin).toBe('https://spotlight.example.org');
  });

  it('needs a database, and says how to choose one', () => {
    expect(() => depsFromEnv({ FILES: files })).toThrow(
      'No database: set DATABASE = "d1" with the D1 binding DB, or DATABASE = "libsql" with the secrets LIBSQL_URL and LIBSQL_AUTH_TOKEN',
    );
  });

  it('takes the database DATABASE names, and refuses one that is not configured', () => {
    const d1 = {} as D1Database;
    const local = { FILES: files, PUBLIC_ORIGIN: 'http://127.0.0.1:4321' };
    const kind = (env: Parameters<typeof depsFromEnv>[0]) => depsFromEnv(env).db.constructor.name;
    expect(kind({ ...local, DATABASE: 'd1', DB: d1, ...libsql })).toBe('DrizzleD1Database');
    expect(kind({ ...local, DATABASE: 'libsql', DB: d1, ...libsql })).toBe('LibSQLDatabase');
    // Naming none (the tests, an old wrangler.toml): DB when bound, else LIBSQL_URL.
    expect(kind({ ...local, DB: d1, ...libsql })).toBe('DrizzleD1Database');
    expect(kind({ ...local, ...libsql })).toBe('LibSQLDatabase');
    expect(() => depsFromEnv({ ...local, DATABASE: 'd1', ...libsql })).toThrow(
      'DATABASE=d1 needs the D1 binding DB (a d1_databases block in this environment)',
    );
    expect(() => depsFromEnv({ ...local, DATABASE: 'libsql', DB: d1 })).toThrow(
      'DATABASE=libsql needs the secret LIBSQL_URL (and LIBSQL_AUTH_TOKEN): wrangler secret put',
    );
    expect(() => depsFromEnv({ ...local, DATABASE: 'turso', ...libsql })).toThrow(
      'DATABASE must be "d1" or "libsql", not "turso"',
    );
  });
});
