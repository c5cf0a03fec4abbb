import { createClient } from '@libsql/client/web';
import { z } from 'zod';
import pkg from '../package.json' with { type: 'json' };
import { dbFromD1, dbFromLibsql, type Db } from './db/client.ts';
import type { Deps } from './deps.ts';
import { httpMailTransport } from './mail/http-transport.ts';
import { r2Mailbox } from './mail/r2-transport.ts';
import { defaultEdgeCache } from './http/edge-cache.ts';

/** The Worker's bindings, vars and secrets (wrangler.toml, `wrangler secret put`). */
export interface Bindings {
  /** Static assets of the build (the Worker's `assets` binding). */
  ASSETS?: Fetcher;
  /** Which database the Worker uses: `d1` (the binding DB) or `libsql` (LIBSQL_URL); unset: DB if bound, else LIBSQL_URL. */
  DATABASE?: string;
  DB?: D1Database;
  FILES?: R2Bucket;
  /** `rehearsal` (staging: demo content allowed, noindex everywhere) or `public`; read at build time too. */
  SITE_KIND?: string;
  LIBSQL_URL?: string;
  LIBSQL_AUTH_TOKEN?: string;
  PUBLIC_ORIGIN?: string;
  TOKEN_SECRET?: string;
  /** Key of the people's-choice voter hashes (functions/votes/voter-hash.ts); keep it for a vote's whole window. */
  VOTER_HASH_SECRET?: string;
  MAIL_TRANSPORT?: string;
  MAIL_FROM?: string;
  MAIL_API_URL?: string;
  MAIL_API_TOKEN?: string;
}

/**
 * Only used on a loopback origin without TOKEN_SECRET (a local `npm start`); any other origin
 * refuses to start without a real secret (see `depsFromEnv`).
 */
const LOCAL_TOKEN_SECRET = 'local-development-secret-not-for-production-use';

const vars = z
  .object({
    PUBLIC_ORIGIN: z.url().default('http://127.0.0.1:4321'),
    TOKEN_SECRET: z.string().min(32).optional(),
    VOTER_HASH_SECRET: z.string().min(32).optional(),
    MAIL_TRANSPORT: z.enum(['local', 'http']).default('local'),
    MAIL_FROM: z.string().min(3).default('Spotlight <no-reply@spotlight.invalid>'),
    MAIL_API_URL: z.url().optional(),
    MAIL_API_TOKEN: z.string().optional(),
    /** Proof-of-work difficulty: the largest secret counter (average work is half of it). */
    POW_MAX_COUNTER: z.coerce.number().int().min(1000).max(10_000_000).default(100_000),
  })
  .refine((v) => v.MAIL_TRANSPORT === 'local' || (v.MAIL_API_URL && v.MAIL_API_TOKEN && v.TOKEN_SECRET), {
    message: 'MAIL_TRANSPORT=http needs MAIL_API_URL, MAIL_API_TOKEN and TOKEN_SECRET',
  });

/**
 * The database the environment chose (wrangler.toml's var DATABASE: `d1` or `libsql`; a local setup that
 * names none takes DB when bound, else LIBSQL_URL).
 * @throws Error when the chosen database is not configured, naming what to set.
 */
function databaseFrom(env: Bindings): Db {
  const chosen = env.DATABASE ?? (env.DB ? 'd1' : env.LIBSQL_URL ? 'libsql' : undefined);
  if (chosen === 'd1') {
    if (!env.DB) throw new Error('DATABASE=d1 needs the D1 binding DB (a d1_databases block in this environment)');
    return dbFromD1(env.DB);
  }
  if (chosen === 'libsql') {
    if (!env.LIBSQL_URL) {
      throw new Error('DATABASE=libsql needs the secret LIBSQL_URL (and LIBSQL_AUTH_TOKEN): wrangler secret put');
    }
    return dbFromLibsql(createClient({ url: env.LIBSQL_URL, authToken: env.LIBSQL_AUTH_TOKEN }));
  }
  throw new Error(
    chosen === undefined
      ? 'No database: set DATABASE = "d1" with the D1 binding DB, or DATABASE = "libsql" with the secrets LIBSQL_URL and LIBSQL_AUTH_TOKEN'
      : `DATABASE must be "d1" or "libsql", not "${chosen}"`,
  );
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Builds the API's dependencies from the Worker environment; throws on a misconfiguration.
 * The local mailbox (and `/dev/mail`, which lists every address mailed) and the built-in token
 * secret exist only when the portal runs on a loopback origin, so a deploy that forgot its
 * production settings fails loudly instead of exposing them.
 */
export function depsFromEnv(env: Bindings): Deps {
  const v = vars.parse(env);
  const local = v.MAIL_TRANSPORT === 'local';
  const onLoopback = LOOPBACK.has(new URL(v.PUBLIC_ORIGIN).hostname);
  if (!onLoopback && (local || !v.TOKEN_SECRET)) {
    throw new Error(
      `PUBLIC_ORIGIN ${v.PUBLIC_ORIGIN} is public: set MAIL_TRANSPORT=http (with MAIL_API_URL, MAIL_API_TOKEN) and TOKEN_SECRET`,
    );
  }
  if (local && !env.FILES) throw new Error('MAIL_TRANSPORT=local needs the FILES bucket');
  const mailbox = local && env.FILES ? r2Mailbox(env.FILES) : undefined;
  return {
    db: databaseFrom(env),
    mail: mailbox ?? httpMailTransport(v.MAIL_API_URL!, v.MAIL_API_TOKEN!),
    mailbox,
    files: env.FILES,
    edgeCache: defaultEdgeCache(),
    clock: () => new Date(),
    config: {
      version: pkg.version,
      publicOrigin: v.PUBLIC_ORIGIN.replace(/\/$/, ''),
      tokenSecret: v.TOKEN_SECRET ?? LOCAL_TOKEN_SECRET,
      mailFrom: v.MAIL_FROM,
      powMaxCounter: v.POW_MAX_COUNTER,
      ...(v.VOTER_HASH_SECRET ? { voterHashSecret: v.VOTER_HASH_SECRET } : {}),
    },
  };
}
