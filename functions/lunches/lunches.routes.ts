import { Hono, type Context } from 'hono';
import { isLocale } from '../../core/locales.ts';
import { localizedPath } from '../../core/urls.ts';
import { requirePermission } from '../accounts/guard.ts';
import { type Counter, countHits, isLimitAbort, overAnyLimit, rateLimited, readCounters } from '../http/rate-limit.ts';
import { audit } from '../accounts/audit.ts';
import { freePostsCounter, humanCounters, powRequired } from '../anti-bot/human-check.ts';
import { sha256Hex } from '../crypto/tokens.ts';
import { AppError } from '../errors.ts';
import { mailedLinkPage } from '../http/mailed-link.ts';
import { canonicalJson } from '../http/canonical-json.ts';
import { accepts, acceptsQuery } from '../http/accepts.ts';
import type { AppEnv } from '../http/app-env.ts';
import { clientAddress } from '../http/client.ts';
import { requestLocale } from '../http/locale.ts';
import { parseOrThrow, readBody } from '../http/validate.ts';
import { deliverSoon } from '../mail/outbox.service.ts';
import { toCsv } from '../http/csv.ts';
import { childrenText, dietsText, languagesText } from './export-cells.ts';
import {
  type CapabilityQuery,
  type ChangeBody,
  capabilityQuery,
  changeInput,
  idempotencyKey,
  type LinkBody,
  type LunchDayBody,
  lunchDayInput,
  type OnBehalfBody,
  onBehalfInput,
  type PairBody,
  type SignUpBody,
  type SurveyBody,
  signUpInput,
  surveyInput,
  tokenQuery,
} from './lunches.schemas.ts';
import { lunchCalendar } from './calendar.ts';
import { createDay, findDay, householdsOfDay, listDays } from './days.service.ts';
import { purgeLunchList } from './lunch-list-cache.ts';
import {
  cancelHousehold,
  changeHousehold,
  eraseHousehold,
  exportHousehold,
  linkedSignUpCancelled,
  offeredSignUpCancelled,
  storedRole,
  viewHousehold,
} from './households.service.ts';
import { managePath, type Purpose, purposes } from './links.ts';
import { matchDay } from './matching.service.ts';
import { approvePair, confirmPair } from './pairs.service.ts';
import {
  acceptOffer,
  confirmSignUp,
  findIdempotent,
  signUp,
  signUpFast,
  signUpOnBehalf,
  signUpReads,
} from './signups.service.ts';
import { answerSurvey, surveyLinkState, surveyResults } from './survey.service.ts';

/** Sign-ups one client address may send (S03), besides the proof of work. */
const SIGN_UPS_PER_CLIENT = { max: 20, windowMs: 10 * 60_000 };

/** Takes the form's language for error messages, whatever the browser prefers. */
function formLocale(c: Context<AppEnv>, body: Record<string, unknown>): Record<string, unknown> {
  if (isLocale(body.lang)) c.set('locale', body.lang);
  return { ...body, lang: body.lang ?? c.get('locale') };
}

/**
 * A failed write must not carry the household's data (children, diet, allergies) into the logs
 * through the driver's error text: it becomes the retryable code alone, and only the error's
 * kind is logged.
 */
function withoutPersonalData(error: unknown): never {
  if (error instanceof AppError) throw error;
  // S24 the unique index on (day, address): a caseworker's sign-up or a change to an address that
  // already holds a place that day (a visitor's own second sign-up never gets here: signUp mails).
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++)
    if (/UNIQUE constraint failed: lunch_households\.day_id, lunch_households\.email/.test(e.message))
      throw new AppError('lunch.emailTaken', 409, [{ field: 'email', code: 'lunch.emailTaken' }]);
  console.error('lunch sign-up not written:', error instanceof Error ? error.name : typeof error);
  throw new AppError('server.unavailable', 503, [], 5);
}

const kickMail = (c: Context<AppEnv>) => c.get('waitUntil')(deliverSoon(c.get('deps')));

/** Where a mailed link leads when it is forged, used up or its household is gone. */
const linkInvalid = (c: Context<AppEnv>) => c.redirect(localizedPath(requestLocale(c), '/lunches/link-invalid/'), 303);

/**
 * The `GET` of a sign-up's mailed link (`purpose` signs its `id`): the one-button page, unless the
 * sign-up was cancelled — then a page that says so and offers no button that cannot work (a
 * tester found "confirm" offered on a cancelled sign-up). Reads only: nothing changes (S22).
 */
const signUpLinkPage = (kind: 'lunchConfirm' | 'lunchCantCome', purpose: Purpose) => async (c: Context<AppEnv>) => {
  const q = capabilityQuery.safeParse(c.req.query());
  if (q.success && (await linkedSignUpCancelled(c.get('deps'), purpose, q.data.id, q.data.sig)))
    return signUpCancelledPage(c);
  return mailedLinkPage(kind)(c);
};

/** A cancelled sign-up's mailed link: to the page that says so, in the reader's language, never cached. */
function signUpCancelledPage(c: Context<AppEnv>) {
  c.header('Cache-Control', 'no-store');
  c.header('Referrer-Policy', 'same-origin');
  return c.redirect(localizedPath(requestLocale(c), '/lunches/signup-cancelled/'), 303);
}

/** "Next Door Family" lunches: days, sign-ups, the wait-list, self-service links, coordinators' tools. */
export const lunchRoutes = new Hono<AppEnv>()
  .get('/days', async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json({ days: await listDays(c.get('deps'), { upcoming: true }) });
  })
  .get('/days/all', async (c) => {
    await requirePermission(c, 'lunches.manage');
    return c.json({ days: await listDays(c.get('deps'), { upcoming: false }) });
  })
  .post('/days', accepts<LunchDayBody>(), async (c) => {
    const actor = await requirePermission(c, 'lunches.manage');
    const input = parseOrThrow(lunchDayInput, await readBody(c));
    const id = await createDay(c.get('deps'), actor, input);
    await purgeLunchList(c.get('deps')); // the public list shows the new day now, not in a minute
    return c.json({ id }, 201);
  })
  .post('/days/:id/signups', accepts<SignUpBody>(), async (c) => {
    const body = formLocale(c, await readBody(c));
    const deps = c.get('deps');
    const dayId = c.req.param('id');
    const perClient = { key: `lunch-signup:ip:${clientAddress(c)}`, limit: SIGN_UPS_PER_CLIENT };
    // One read batch, then one write batch that counts the limits with the work; a request
    // answered before the write batch (a replay, a refusal) still counts against the client.
    try {
      // S16: the header from API clients, a hidden field from the HTML form (a double submit).
      const rawKey = c.req.header('idempotency-key') ?? body.idempotencyKey;
      const key = rawKey === undefined || rawKey === '' ? undefined : parseOrThrow(idempotencyKey, rawKey);
      const { altcha, idempotencyKey: _formKey, ...fields } = body;
      const requestHash = await sha256Hex(canonicalJson([dayId, fields]));
      const replayOf = (stored: Awaited<ReturnType<typeof findIdempotent>>) => {
        if (!stored) return null;
        if (stored.requestHash !== requestHash) throw new AppError('lunch.idempotencyMismatch', 422);
        c.header('Idempotent-Replayed', 'true');
        return c.json(stored.body, stored.status as 202);
      };
      const replay = async () => (key ? replayOf(await findIdempotent(deps.db, `signup:${key}`)) : null);
      const parsed = signUpInput.safeParse(body);
      // One round trip when this isolate knows the day (signUpFast): the write batch alone, with
      // the free-posts counter (no solved challenge sent); anything it would refuse fails it as a
      // whole, and the reads below decide as they always did.
      if (parsed.success && !(typeof altcha === 'string' && altcha !== '')) {
        const answer = await signUpFast(
          deps,
          dayId,
          parsed.data,
          key ? { key: `signup:${key}`, requestHash } : undefined,
          [perClient, freePostsCounter(c, 'lunch-signup')],
        );
        if (answer) {
          kickMail(c);
          return c.json(answer.body, 202);
        }
      }
      const read = await signUpReads(
        deps.db,
        dayId,
        parsed.success ? parsed.data.email : undefined,
        key ? `signup:${key}` : undefined,
        [perClient, freePostsCounter(c, 'lunch-signup')],
      );
      const over = overAnyLimit(read.limits, [perClient], deps.clock());
      if (over) throw rateLimited(over);
      const earlier = replayOf(read.stored);
      if (earlier) {
        await countHits(deps.db, [perClient], deps.clock());
        return earlier;
      }
      const input = parseOrThrow(signUpInput, body);
      let counters: Counter[];
      try {
        counters = [perClient, ...(await humanCounters(c, altcha, 'lunch-signup', read.limits))];
      } catch (error) {
        // S26 a double click: the first post used this proof-of-work answer and is still booking;
        // answer as it does once it has stored its answer under the same key.
        if (!(key && error instanceof AppError && error.code === 'pow.replayed')) throw error;
        for (let attempt = 0; attempt < 20; attempt++) {
          const winner = await replay();
          if (winner) return winner;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        throw error;
      }
      let answer: Awaited<ReturnType<typeof signUp>>;
      try {
        answer = await signUp(
          deps,
          dayId,
          input,
          key ? { key: `signup:${key}`, requestHash } : undefined,
          read,
          counters,
        );
      } catch (error) {
        if (isLimitAbort(error)) {
          // Another request passed the same limit at the same moment: which one is now full?
          const rows = await readCounters(deps.db, counters);
          const full = overAnyLimit(rows, [perClient], deps.clock());
          throw full ? rateLimited(full) : await powRequired(c);
        }
        // The same key racing in from a retry: the batch that lost wrote nothing; answer as the winner did.
        const winner = await replay().catch(() => null);
        if (winner) return winner;
        withoutPersonalData(error);
      }
      kickMail(c);
      return c.json(answer.body, 202);
    } catch (error) {
      if (error instanceof AppError && error.status < 500 && error.status !== 429)
        await countHits(deps.db, [perClient], deps.clock());
      throw error;
    }
  })
  .post('/days/:id/signups/on-behalf', accepts<OnBehalfBody>(), async (c) => {
    const actor = await requirePermission(c, 'signups.createOnBehalf');
    const input = parseOrThrow(onBehalfInput, formLocale(c, await readBody(c)));
    const result = await signUpOnBehalf(c.get('deps'), actor, c.req.param('id'), input).catch(withoutPersonalData);
    await purgeLunchList(c.get('deps')); // the places left on the public list
    kickMail(c);
    return c.json(result, 201);
  })
  // The day's calendar file (RFC 5545), linked from the confirmation mail and the household's page:
  // a GET that only reads (mail scanners may open it), names no household, in the link's `?lang=`.
  .get('/days/:id/calendar.ics', async (c) => {
    const deps = c.get('deps');
    const day = await findDay(deps, c.req.param('id'));
    const ics = lunchCalendar(day, requestLocale(c), deps.config.publicOrigin, deps.clock());
    if (!ics) throw new AppError('lunch.dayNotFound', 404);
    return c.body(ics, 200, {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': `attachment; filename="lunch-${day.date}.ics"`,
      'Cache-Control': 'no-store',
    });
  })
  .get('/days/:id/export.csv', async (c) => {
    const actor = await requirePermission(c, 'lunches.manage');
    const deps = c.get('deps');
    const { day, households } = await householdsOfDay(deps, c.req.param('id'));
    const header = [
      'id',
      'role',
      'status',
      'queue',
      'contactName',
      'email',
      'phone',
      'messenger',
      'languages',
      'town',
      'maxTravelKm',
      'adults',
      'children',
      'diets',
      'allergies',
      'canCookFor',
      'seats',
      'accessibility',
      'hasPets',
      'avoidPets',
      'consentPhotos',
      'onBehalf',
    ];
    const rows = households.map((h) => [
      h.id,
      h.role,
      h.status,
      h.queueSeq,
      h.contactName,
      h.email,
      h.phone,
      h.messenger,
      languagesText(h.languages),
      h.town,
      h.maxTravelKm,
      h.adults,
      childrenText(h.children),
      dietsText(h.diets),
      h.allergies,
      dietsText(h.canCookFor),
      h.seats,
      h.accessibility,
      h.hasPets,
      h.avoidPets,
      h.consentPhotos,
      h.onBehalfBy ? 'yes' : 'no',
    ]);
    await deps.db.batch([
      audit(
        deps.db,
        {
          actorId: actor.userId,
          action: 'lunch.exported',
          objectType: 'lunch_day',
          objectId: day.id,
          details: { rows: rows.length },
        },
        deps.clock(),
      ),
    ]);
    return c.body(toCsv([header, ...rows]), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="lunch-${day.date}.csv"`,
      'Cache-Control': 'private, no-store',
    });
  })
  .get('/days/:id/survey', async (c) => {
    await requirePermission(c, 'lunches.manage');
    c.header('Cache-Control', 'private, no-store');
    return c.json(await surveyResults(c.get('deps'), c.req.param('id')));
  })
  .get('/days/:id/matching', async (c) => {
    await requirePermission(c, 'lunches.manage');
    return c.json(await matchDay(c.get('deps'), c.req.param('id')));
  })
  .post('/days/:id/pairs', accepts<PairBody>(), async (c) => {
    const actor = await requirePermission(c, 'lunches.manage');
    const body = await readBody(c);
    const id = await approvePair(
      c.get('deps'),
      actor,
      c.req.param('id'),
      String(body.hostId ?? ''),
      String(body.guestId ?? ''),
    );
    kickMail(c);
    return c.json({ id }, 201);
  })
  .get('/pairs/confirm', mailedLinkPage('pairConfirm'))
  .post('/pairs/confirm', async (c) => {
    const q = c.req.query();
    const result = await confirmPair(c.get('deps'), q.id ?? '', q.side ?? '', q.sig ?? '');
    if (!result) return linkInvalid(c);
    kickMail(c);
    return c.redirect(localizedPath(result.locale, '/lunches/pair-confirmed/'), 303);
  })
  .get('/confirm', signUpLinkPage('lunchConfirm', purposes.confirm))
  .post('/confirm', async (c) => {
    const q = capabilityQuery.safeParse(c.req.query());
    const result = q.success ? await confirmSignUp(c.get('deps'), q.data.id, q.data.sig) : null;
    if (!result) return linkInvalid(c);
    kickMail(c);
    return c.redirect(await managePath(c.get('deps'), result.id, result.locale), 303);
  })
  // A cancelled sign-up's offer link says so (no accept button that would be refused); read only.
  .get('/accept', async (c) => {
    const q = tokenQuery.safeParse(c.req.query());
    if (q.success && (await offeredSignUpCancelled(c.get('deps'), q.data.token))) return signUpCancelledPage(c);
    return mailedLinkPage('lunchAccept')(c);
  })
  .post('/accept', async (c) => {
    const q = tokenQuery.safeParse(c.req.query());
    const result = q.success ? await acceptOffer(c.get('deps'), q.data.token) : null;
    if (!result) return linkInvalid(c);
    kickMail(c);
    return c.redirect(await managePath(c.get('deps'), result.id, result.locale), 303);
  })
  // The reminder's one-click link: frees the place at once (hosts buy food the day before).
  .get('/cant-come', signUpLinkPage('lunchCantCome', purposes.cantCome))
  .post('/cant-come', async (c) => {
    const q = capabilityQuery.safeParse(c.req.query());
    const result = q.success ? await cancelHousehold(c.get('deps'), q.data.id, q.data.sig, purposes.cantCome) : null;
    if (!result) return linkInvalid(c);
    kickMail(c);
    return c.redirect(localizedPath(result.locale, '/lunches/cancelled/'), 303);
  })
  .get('/households/:id', acceptsQuery<Pick<CapabilityQuery, 'sig'>>(), async (c) => {
    c.header('Cache-Control', 'private, no-store');
    const view = await viewHousehold(c.get('deps'), c.req.param('id'), c.req.query('sig') ?? '');
    if (!view) throw new AppError('lunch.linkInvalid', 404);
    return c.json(view);
  })
  .post('/households/:id/cancel', accepts<LinkBody>(), async (c) => {
    const body = await readBody(c);
    const result = await cancelHousehold(c.get('deps'), c.req.param('id'), String(body.sig ?? ''), purposes.manage);
    if (!result) throw new AppError('lunch.linkInvalid', 404);
    kickMail(c);
    return c.json({ status: 'cancelled' });
  })
  .post('/households/:id/change', accepts<ChangeBody>(), async (c) => {
    const body = formLocale(c, await readBody(c));
    const deps = c.get('deps');
    const id = c.req.param('id');
    const sig = String(body.sig ?? '');
    const role = await storedRole(deps, id, sig);
    if (!role) throw new AppError('lunch.linkInvalid', 404);
    const input = parseOrThrow(changeInput, { ...body, role });
    const result = await changeHousehold(deps, id, sig, input).catch(withoutPersonalData);
    if (!result) throw new AppError('lunch.linkInvalid', 404);
    kickMail(c);
    return c.json({ status: 'changed' });
  })
  .get('/survey', acceptsQuery<CapabilityQuery>(), async (c) => {
    c.header('Cache-Control', 'private, no-store');
    const q = capabilityQuery.safeParse(c.req.query());
    const state = q.success ? await surveyLinkState(c.get('deps'), q.data.id, q.data.sig) : 'invalid';
    // A used link is not an invalid one: the page thanks for the answer already given.
    if (state === 'answered') throw new AppError('lunch.surveyAnswered', 409);
    if (state === 'invalid') throw new AppError('lunch.linkInvalid', 404);
    return c.json({ open: true });
  })
  .post('/survey', accepts<SurveyBody>(), async (c) => {
    const body = formLocale(c, await readBody(c));
    const q = capabilityQuery.safeParse(body);
    if (!q.success) throw new AppError('lunch.linkInvalid', 404);
    const input = parseOrThrow(surveyInput, body);
    const result = await answerSurvey(c.get('deps'), q.data.id, q.data.sig, input);
    // A double submit: the first answer counts, the second is told so (not "link invalid").
    if (result === 'answered') throw new AppError('lunch.surveyAnswered', 409);
    if (result === 'invalid') throw new AppError('lunch.linkInvalid', 404);
    return c.json({ status: 'answered' }, 201);
  })
  .get('/households/:id/export', async (c) => {
    const data = await exportHousehold(c.get('deps'), c.req.param('id'), c.req.query('sig') ?? '');
    if (!data) throw new AppError('lunch.linkInvalid', 404);
    return c.body(JSON.stringify(data, null, 2), 200, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': 'attachment; filename="next-door-family.json"',
      'Cache-Control': 'private, no-store',
    });
  })
  .post('/households/:id/erase', accepts<LinkBody>(), async (c) => {
    const body = await readBody(c);
    const result = await eraseHousehold(c.get('deps'), c.req.param('id'), String(body.sig ?? ''));
    if (!result) throw new AppError('lunch.linkInvalid', 404);
    kickMail(c);
    return c.json({ status: 'erased' });
  });
