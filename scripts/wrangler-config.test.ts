// wrangler.toml's environments stay complete: wrangler does not inherit vars, d1_databases or r2_buckets into
// [env.*], so each environment must carry its own, and each must start (functions/env.ts) once its secrets
// are set — and not before.
import { describe, expect, it } from 'vitest';
import { depsFromEnv, type Bindings } from '../functions/env.ts';
import { deployTarget } from './deploy-target.mjs';

const environments = ['staging', 'production'] as const;
const secrets = { TOKEN_SECRET: 's'.repeat(40), MAIL_API_TOKEN: 'mail-token' };

describe('wrangler.toml', () => {
  it('gives each environment its own Worker, origin, database and bucket, and the cron', () => {
    const targets = environments.map((env) => deployTarget(env));
    expect(targets.map((t) => t.name)).toEqual(['spotlight-staging', 'spotlight-production']);
    expect(targets.map((t) => t.vars.PUBLIC_ORIGIN)).toEqual([
      'https://staging.spotlight.example.org',
      'https://spotlight.example.org',
    ]);
    expect(targets.map((t) => [t.vars.SITE_KIND, t.vars.DATABASE, t.vars.MAIL_TRANSPORT])).toEqual([
      ['rehearsal', 'd1', 'http'],
      ['public', 'd1', 'http'],
    ]);
    expect(targets.map((t) => t.r2.map((b) => [b.binding, b.bucket_name]))).toEqual([
      [['FILES', 'spotlight-staging-files']],
      [['FILES', 'spotlight-production-files']],
    ]);
    expect(targets.map((t) => t.crons)).toEqual([['* * * * *'], ['* * * * *']]);
    expect(targets.map((t) => t.d1.map((d) => [d.binding, d.database_name]))).toEqual([
      [['DB', 'spotlight-staging']],
      [['DB', 'spotlight-production']],
    ]);
  });

  it('keeps the local portal (no environment) as it was: loopback origin, local mailbox, D1', () => {
    const local = deployTarget(undefined);
    expect(local.name).toBe('spotlight');
    expect(local.vars).toEqual({
      PUBLIC_ORIGIN: 'http://127.0.0.1:4321',
      MAIL_TRANSPORT: 'local',
      MAIL_FROM: 'Spotlight <no-reply@spotlight.invalid>',
      DATABASE: 'd1',
    });
  });

  it('holds no secret: no var is named like one', () => {
    for (const env of [undefined, ...environments]) {
      const names = Object.keys(deployTarget(env).vars);
      expect(
        names.filter((n) => /SECRET|TOKEN|PASSWORD|LIBSQL_URL|KEY/.test(n)),
        env ?? 'local',
      ).toEqual([]);
    }
  });

  it('lets each environment start once its secrets are set, and names what is missing before', () => {
    for (const env of environments) {
      const target = deployTarget(env);
      const bindings = {
        ...(target.vars as Bindings),
        DB: {} as D1Database,
        FILES: {} as R2Bucket,
      };
      expect(() => depsFromEnv(bindings), env).toThrow(
        /MAIL_TRANSPORT=http needs MAIL_API_URL, MAIL_API_TOKEN and TOKEN_SECRET/,
      );
      const deps = depsFromEnv({ ...bindings, ...secrets });
      expect(deps.config.publicOrigin).toBe(target.vars.PUBLIC_ORIGIN);
      expect(deps.mailbox).toBeUndefined();
      expect(deps.db.constructor.name).toBe('DrizzleD1Database');
      expect(() => depsFromEnv({ ...bindings, ...secrets, DB: undefined }), env).toThrow(
        'DATABASE=d1 needs the D1 binding DB (a d1_databases block in this environment)',
      );
    }
  });
});
