import { afterEach, describe, expect, it, vi } from 'vitest';
import { currentRequestId, noteRoute } from '../../core/request-context.ts';
import { linkIn, postJson, pressButton, TEST_ORIGIN, createTestApp } from '../testing/app.ts';
import { CookieJar, createUser } from '../testing/factories.ts';
import { errorLogLine, observeRequest, type RequestLogLine } from './request-log.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The real API behind the Worker's log wrapper, as src/worker.ts runs it; every line kept. */
async function observedApp() {
  const t = await createTestApp();
  const lines: string[] = [];
  const pending: Promise<unknown>[] = [];
  const request = async (path: string, init: RequestInit = {}) => {
    const response = await observeRequest(new Request(`${TEST_ORIGIN}${path}`, init), () => t.request(path, init), {
      write: (line) => lines.push(line),
      waitUntil: (p) => void pending.push(p),
    });
    const text = await response.text(); // the line is written once the body has been sent
    await Promise.all(pending.splice(0));
    return { response, text };
  };
  return { t, lines, request, parsed: () => lines.map((l) => JSON.parse(l) as RequestLogLine) };
}

/** A line with its measured times replaced by their type. */
const shape = ({ ms, dbMs, ...rest }: RequestLogLine) => ({ ...rest, ms: typeof ms, dbMs: typeof dbMs });

afterEach(() => vi.restoreAllMocks());

describe('one JSON log line per request', () => {
  it('names the request by id and route pattern only: no address, token, cookie, IP or query in any line', async () => {
    const { t, lines, request, parsed } = await observedApp();
    const email = 'ada.lovelace@example.org';
    const ip = '203.0.113.77';
    const userAgent = 'Mozilla/5.0 (PrivateBrowser; ada-laptop)';
    const personal = { 'cf-connecting-ip': ip, 'user-agent': userAgent };
    const jar = new CookieJar();
    await createUser(t.db, { email, roles: [] });

    const login = await request('/api/auth/login', postJson({ email, lang: 'en' }, personal));
    jar.store(login.response);
    expect([login.response.status, login.text]).toEqual([202, '{"status":"sent"}']);
    const mail = (await t.mailbox.list()).find((m) => m.to === email);
    const link = linkIn((await t.mailbox.read(mail!.key))!, `${TEST_ORIGIN}/api/auth/callback?token=`);
    const token = new URL(link).searchParams.get('token')!;
    const path = link.slice(TEST_ORIGIN.length);
    await request(path, { headers: { ...personal, ...jar.header() } });
    const pressed = await request(path, pressButton({ ...personal, ...jar.header() }));
    jar.store(pressed.response);
    const session = jar.header().cookie!;
    await request('/api/auth/me', { headers: { ...personal, cookie: session } });
    await request(`/api/nothing/${token}?email=${encodeURIComponent(email)}`, { headers: personal });

    expect(parsed().map(shape)).toEqual([
      {
        type: 'request',
        requestId: expect.stringMatching(UUID),
        method: 'POST',
        route: '/api/auth/login',
        status: 202,
        ms: 'number',
        dbMs: 'number',
        dbStatements: expect.any(Number),
      },
      {
        type: 'request',
        requestId: expect.stringMatching(UUID),
        method: 'GET',
        route: '/api/auth/callback',
        status: 200,
        ms: 'number',
        dbMs: 'number',
        dbStatements: expect.any(Number),
      },
      {
        type: 'request',
        requestId: expect.stringMatching(UUID),
        method: 'POST',
        route: '/api/auth/callback',
        status: 303,
        ms: 'number',
        dbMs: 'number',
        dbStatements: expect.any(Number),
      },
      {
        type: 'request',
        requestId: expect.stringMatching(UUID),
        method: 'GET',
        route: '/api/auth/me',
        status: 200,
        ms: 'number',
        dbMs: 'number',
        dbStatements: expect.any(Number),
      },
      {
        type: 'request',
        requestId: expect.stringMatching(UUID),
        method: 'GET',
        route: '/*',
        status: 404,
        ms: 'number',
        dbMs: 'number',
        dbStatements: 0,
      },
    ]);
    // The database was timed: the sign-in wrote, the link's page (GET) touched nothing, pressing its
    // button read and wrote, /me read the session, the unknown path touched nothing.
    expect(parsed().map((l) => l.dbStatements > 0)).toEqual([true, false, true, true, false]);
    expect(new Set(parsed().map((l) => l.requestId)).size).toBe(5);
    const everything = lines.join('\n');
    const secrets = [
      email,
      'lovelace',
      encodeURIComponent(email),
      token,
      ip,
      userAgent,
      'PrivateBrowser',
      '?',
      '__Host-',
    ];
    for (const cookie of session.split('; ')) secrets.push(cookie.split('=')[1]!);
    expect(secrets.filter((s) => everything.includes(s))).toEqual([]);
  });

  it('takes the request id from a well-formed cf-ray only, and the person sees the id the log has', async () => {
    const { lines, request } = await observedApp();
    const ray = '8f3c2a1b0d9e7f65-VIE';
    const refused = await request('/api/nothing', { headers: { 'cf-ray': ray } });
    expect(refused.response.headers.get('x-request-id')).toBe(ray);
    expect(JSON.parse(refused.text).requestId).toBe(ray);
    expect(JSON.parse(lines[0]!).requestId).toBe(ray);

    for (const headers of <Record<string, string>[]>[
      { 'x-request-id': 'chosen-by-the-client' },
      { 'cf-ray': 'abc"},{"type":"request' },
      { 'cf-ray': 'not-a-ray' },
    ]) {
      const answer = await request('/api/nothing', { headers });
      const id = answer.response.headers.get('x-request-id')!;
      expect(id).toMatch(UUID);
      expect(JSON.parse(answer.text).requestId).toBe(id);
      expect(JSON.parse(lines.at(-1)!).requestId).toBe(id);
    }
    expect(lines.every((l) => !l.includes('chosen-by-the-client') && !l.includes('not-a-ray'))).toBe(true);
  });

  it('counts every in-process API call of a page for the page, under its own route and id', async () => {
    const t = await createTestApp();
    const lines: string[] = [];
    const pending: Promise<unknown>[] = [];
    // A page: Astro's middleware names the route, then the page asks the API twice in process.
    const page = () =>
      observeRequest(
        new Request(`${TEST_ORIGIN}/en/lunches/`),
        async () => {
          noteRoute('/[lang]/lunches');
          const first = await t.request('/api/lunches/days');
          const second = await t.request('/api/health');
          return new Response(`${first.headers.get('x-request-id') === currentRequestId()} ${second.status}`, {
            headers: { 'content-type': 'text/html' },
          });
        },
        { write: (line) => lines.push(line), waitUntil: (p) => void pending.push(p) },
      );
    const response = await page();
    expect(await response.text()).toBe('true 503');
    await Promise.all(pending);
    const line = JSON.parse(lines[0]!) as RequestLogLine;
    expect(shape(line)).toEqual({
      type: 'request',
      requestId: response.headers.get('x-request-id'),
      method: 'GET',
      route: '/[lang]/lunches',
      status: 200,
      ms: 'number',
      dbMs: 'number',
      dbStatements: expect.any(Number),
    });
    expect(line.dbStatements).toBeGreaterThanOrEqual(3); // the days, and health's two statements
    expect(lines).toHaveLength(1);
  });

  it('writes a 500 line when the handler throws, and the error line names the error, not its message', async () => {
    const lines: string[] = [];
    await expect(
      observeRequest(
        new Request(`${TEST_ORIGIN}/en/x/`, { method: 'BREW' }),
        async () => {
          throw new Error('boom for ada.lovelace@example.org');
        },
        { write: (l) => lines.push(l) },
      ),
    ).rejects.toThrow('boom');
    expect(shape(JSON.parse(lines[0]!))).toEqual({
      type: 'request',
      requestId: expect.stringMatching(UUID),
      method: 'OTHER',
      route: null,
      status: 500,
      ms: 'number',
      dbMs: 'number',
      dbStatements: 0,
    });
    const cause = new TypeError('params: ada.lovelace@example.org');
    const line = errorLogLine('r-1', new Error('Failed query: insert … ada.lovelace@example.org', { cause }));
    expect({ ...line, stack: line.stack.length > 0 }).toEqual({
      type: 'error',
      requestId: 'r-1',
      error: 'Error < TypeError',
      stack: true,
    });
    expect(JSON.stringify(line)).not.toContain('lovelace');
  });

  it('logs a database failure during a sign-in as a 503 with the error line, without the address', async () => {
    const { t, lines, request } = await observedApp();
    const errors: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((line: string) => void errors.push(line));
    t.client.close();
    const { response, text } = await request('/api/auth/login', postJson({ email: 'grace.hopper@example.org' }));
    expect(response.status).toBe(503);
    const id = JSON.parse(text).requestId;
    expect(JSON.parse(lines[0]!)).toMatchObject({ requestId: id, route: '/api/auth/login', status: 503 });
    expect(errors.map((e) => JSON.parse(e).requestId)).toEqual([id]);
    expect([...lines, ...errors].join('\n')).not.toContain('grace');
  });
});
