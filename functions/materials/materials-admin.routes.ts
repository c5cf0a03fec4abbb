import { Hono } from 'hono';
import { audit } from '../accounts/audit.ts';
import { requirePermission } from '../accounts/guard.ts';
import type { AppEnv } from '../http/app-env.ts';
import { toCsv } from '../http/csv.ts';
import { allDownloadCounts, downloadStats } from './downloads.service.ts';
import { allFeedback, summarise } from './feedback.service.ts';

/** The library's figures for organisers: downloads and impact, on screen and as CSV. */
export const materialsAdminRoutes = new Hono<AppEnv>()
  .get('/stats', async (c) => {
    await requirePermission(c, 'materials.stats');
    const deps = c.get('deps');
    const [downloads, feedback] = await Promise.all([downloadStats(deps), allFeedback(deps)]);
    c.header('Cache-Control', 'no-store');
    return c.json({ downloads, impact: summarise(feedback) });
  })
  .get('/downloads.csv', async (c) => {
    const actor = await requirePermission(c, 'materials.stats');
    const deps = c.get('deps');
    const rows = await allDownloadCounts(deps);
    await deps.db.batch([
      audit(deps.db, { actorId: actor.userId, action: 'data.exported', objectType: 'download_counts' }, deps.clock()),
    ]);
    return csvResponse('spotlight-downloads.csv', [
      ['day', 'material', 'file', 'locale', 'downloads'],
      ...rows.map((r) => [r.day, r.materialId, r.file, r.locale, r.count]),
    ]);
  })
  .get('/feedback.csv', async (c) => {
    const actor = await requirePermission(c, 'materials.stats');
    const deps = c.get('deps');
    const rows = await allFeedback(deps);
    await deps.db.batch([
      audit(deps.db, { actorId: actor.userId, action: 'data.exported', objectType: 'material_feedback' }, deps.clock()),
    ]);
    return csvResponse('spotlight-material-feedback.csv', [
      ['date', 'material', 'locale', 'students', 'age_group', 'school_type', 'comment'],
      ...rows.map((r) => [
        r.createdAt.toISOString().slice(0, 10),
        r.materialId,
        r.locale,
        r.students,
        r.ageGroup,
        r.schoolType,
        r.comment,
      ]),
    ]);
  });

function csvResponse(name: string, rows: Parameters<typeof toCsv>[0]) {
  return new Response(toCsv(rows), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${name}"`,
      'cache-control': 'no-store',
    },
  });
}
