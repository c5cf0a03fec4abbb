import type { APIRoute } from 'astro';
import { toLocale } from '../../../../core/locales.ts';
import { localizedPath } from '../../../../core/urls.ts';
import { pageApi, passCookies } from '../../../lib/api.ts';
import { readForm } from '../../../lib/form.ts';

export const prerender = false;

/** Sign-out form target: ends this session or every session, then says so. */
export const POST: APIRoute = async (context) => {
  const { params, request, redirect } = context;
  const locale = toLocale(params.lang);
  const form = await readForm(request);
  const { auth } = pageApi(context, locale).client.api;
  const response = await (form.get('scope') === 'everywhere' ? auth['logout-everywhere'] : auth.logout).$post();
  // Signing out everywhere needs a session; without one, the way to go is signing in (not back here).
  const done = redirect(
    localizedPath(locale, response.status === 401 ? '/account/sign-in/' : '/account/signed-out/'),
    303,
  );
  passCookies(response, done.headers);
  return done;
};
