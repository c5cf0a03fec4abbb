import type { APIRoute } from 'astro';
import { organisation } from '../../core/organisation.ts';

/**
 * The organisation's colours as CSS custom properties, built from core/organisation.ts
 * into a static file (no inline style, which the CSP forbids). global.css reads them.
 */
export const GET: APIRoute = () => {
  const { brand, onBrand, accent } = organisation.colours;
  return new Response(`:root{--color-brand:${brand};--color-on-brand:${onBrand};--color-focus:${accent}}\n`, {
    headers: { 'Content-Type': 'text/css; charset=utf-8' },
  });
};
