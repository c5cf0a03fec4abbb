import { describe, expect, it } from 'vitest';
import { devArgs } from './env.mjs';

describe('npm start on another port (SPOTLIGHT_PORT)', () => {
  it('serves on that port and points the links in mails at it, not at wrangler.toml’s 4321', () => {
    expect(devArgs({ host: '127.0.0.1', port: 4481, persistTo: '.data', logLevel: 'info' })).toEqual([
      'dev',
      '--ip',
      '127.0.0.1',
      '--port',
      '4481',
      '--persist-to',
      '.data',
      '--log-level',
      'info',
      '--var',
      'PUBLIC_ORIGIN:http://127.0.0.1:4481',
    ]);
  });
});
