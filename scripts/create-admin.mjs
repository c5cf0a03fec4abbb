// `npm run admin:create -- <email> [--remote]`: creates the first admin (or gives an existing
// account the admin role) in the local D1 database, or with --remote in the deployed one.
// The person then signs in with a magic link sent to that address.
import { randomUUID } from 'node:crypto';
import { dataDir } from './env.mjs';
import { run } from './run.mjs';

const args = process.argv.slice(2);
const email = args
  .find((a) => !a.startsWith('--'))
  ?.trim()
  .toLowerCase();
const persistIndex = args.indexOf('--persist-to');
const persistTo = persistIndex >= 0 ? args[persistIndex + 1] : dataDir;
if (!email || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.includes("'")) {
  console.error('Usage: npm run admin:create -- person@example.org [--remote]');
  process.exit(2);
}

const now = Date.now();
// One statement batch: the user if new, the role if not yet held, and the audit entry.
const sql = `
INSERT INTO users (id, email, locale, status, created_at, updated_at) VALUES ('${randomUUID()}', '${email}', 'sk', 'active', ${now}, ${now})
  ON CONFLICT(email) DO UPDATE SET status = 'active', updated_at = ${now};
INSERT INTO role_assignments (id, user_id, role, scope, granted_by, created_at)
  SELECT '${randomUUID()}', id, 'admin', '', 'cli', ${now} FROM users WHERE email = '${email}'
  ON CONFLICT(user_id, role, scope) DO NOTHING;
INSERT INTO audit_log (id, at, actor_id, action, object_type, object_id, details)
  SELECT '${randomUUID()}', ${now}, NULL, 'role.granted', 'user', id, '{"role":"admin","by":"cli"}' FROM users WHERE email = '${email}';`;
const target = args.includes('--remote') ? ['--remote'] : ['--local', '--persist-to', persistTo];
run('wrangler', ['d1', 'execute', 'DB', ...target, '--command', sql], { stdio: ['ignore', 'ignore', 'inherit'] });
console.log(`Admin: ${email}. Sign in at /sk/account/sign-in/ with a link sent to that address.`);
