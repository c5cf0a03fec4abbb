import type { APIRoute } from 'astro';
import { toLocale } from '../../../../core/locales.ts';
import { localizedPath } from '../../../../core/urls.ts';
import { callApi, passCookies } from '../../../lib/api.ts';

export const prerender = false;

/** Sign-out form target: ends this session or every session, then says so. */
export const POST: APIRoute = async ({ params, request, locals, redirect }) => {
  const locale = toLocale(params.lang);
  const form = await request.formData().catch(() => new FormData());
  const path = form.get('scope') === 'everywhere' ? '/api/auth/logout-everywhere' : '/api/auth/logout';
  const response = await callApi(request, locals.cfContext, path, { method: 'POST', json: {}, locale });
  const done = redirect(
    localizedPath(locale, response.status === 401 ? '/account/sign-in/' : '/account/signed-out/'),
    303,
  );
  passCookies(response, done.headers);
  return done;
};
