import { Hono, type Context } from 'hono';
import { useTranslations } from '../../core/t.ts';
import { requirePermission } from '../accounts/guard.ts';
import { csvValue, toXlsx } from '../competition/export.ts';
import { acceptsQuery } from '../http/accepts.ts';
import type { AppEnv } from '../http/app-env.ts';
import { toCsv } from '../http/csv.ts';
import { resultsQuery } from './results.schemas.ts';
import { editionProgress, roundResults, scoreSheet } from './results.service.ts';

const noStore = (c: Context<AppEnv>) => c.header('Cache-Control', 'private, no-store');
const edition = (c: Context<AppEnv>) => `edition:${c.req.param('id')}`;

/**
 * The jury's results for the edition's managers (`results.view`): progress per round, a round's
 * leaderboards, normalisation and fairness, and its full score sheet as CSV or XLSX. Jurors,
 * entrants and the public get 403 (401 signed out).
 */
export const resultsRoutes = new Hono<AppEnv>()
  .get('/editions/:id', async (c) => {
    await requirePermission(c, 'results.view', edition(c));
    noStore(c);
    return c.json(await editionProgress(c.get('deps'), c.req.param('id')));
  })
  .get('/editions/:id/rounds/:roundId', acceptsQuery<{ sort?: string }>(), async (c) => {
    await requirePermission(c, 'results.view', edition(c));
    noStore(c);
    const { sort } = resultsQuery.parse({ sort: c.req.query('sort') });
    return c.json(await roundResults(c.get('deps'), c.req.param('id'), c.req.param('roundId'), sort));
  })
  .get('/editions/:id/rounds/:roundId/export/:format{csv|xlsx}', async (c) => {
    await requirePermission(c, 'results.view', edition(c));
    const t = useTranslations(c.get('locale'));
    const rows = await scoreSheet(
      c.get('deps'),
      c.req.param('id'),
      c.req.param('roundId'),
      (key) => t(`results.sheet.${key}`),
      c.get('locale'),
    );
    const name = `scores-${c.req.param('id')}-${c.req.param('roundId')}`.replace(/[^\w.-]+/g, '-');
    const headers = { 'Cache-Control': 'private, no-store', 'X-Content-Type-Options': 'nosniff' };
    if (c.req.param('format') === 'csv') {
      return c.body(toCsv(rows.map((row) => row.map(csvValue))), 200, {
        ...headers,
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${name}.csv"`,
      });
    }
    return c.body(toXlsx(rows, t('results.sheet.sheetName')).slice().buffer, 200, {
      ...headers,
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="${name}.xlsx"`,
    });
  });
