import { Hono } from 'hono';
import type { AppEnv } from '../http/app-env.ts';
import { issueChallenge } from './pow.service.ts';

/** Hands out proof-of-work challenges to the forms' solver script. Stateless: nothing is stored. */
export const powRoutes = new Hono<AppEnv>().get('/challenge', async (c) => {
  c.header('Cache-Control', 'no-store');
  return c.json(await issueChallenge(c.get('deps')));
});
