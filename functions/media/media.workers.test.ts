import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { depsFromEnv } from '../env.ts';

const bytes = new Uint8Array(Array.from({ length: 1000 }, (_, i) => i % 256));

beforeAll(async () => {
  await env.FILES.put('media/documentary/film.webm', bytes);
  await env.FILES.put('private/secret.webm', bytes);
});

const request = (path: string, init?: RequestInit) =>
  createApp(depsFromEnv(env)).request(`http://127.0.0.1:8787${path}`, init, env);

describe('/media streams from R2 with range requests', () => {
  it('answers a whole file with its type and length', async () => {
    const response = await request('/media/documentary/film.webm');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('video/webm');
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect(response.headers.get('content-length')).toBe('1000');
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(bytes);
  });

  it('answers a range with 206 and exactly those bytes, so players can seek', async () => {
    const response = await request('/media/documentary/film.webm', { headers: { range: 'bytes=100-199' } });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe('bytes 100-199/1000');
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(bytes.slice(100, 200));
    const tail = await request('/media/documentary/film.webm', { headers: { range: 'bytes=990-' } });
    expect(tail.headers.get('content-range')).toBe('bytes 990-999/1000');
  });

  it('serves nothing outside media/, of another type, or missing', async () => {
    expect((await request('/media/../private/secret.webm')).status).toBe(404);
    expect((await request('/media/documentary/film.html')).status).toBe(404);
    expect((await request('/media/documentary/none.webm')).status).toBe(404);
  });
});
