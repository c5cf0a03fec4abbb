import { desc, gte, sql } from 'drizzle-orm';
import type { Locale } from '../../core/locales.ts';
import { downloadCounts } from '../db/schema/index.ts';
import type { Deps } from '../deps.ts';
import { monthlySeries, type MonthCount } from './monthly.ts';

type ServiceDeps = Pick<Deps, 'db' | 'clock'>;

/** Adds one download to its day's counter: one upsert, nothing about who downloaded. */
export async function countDownload(
  deps: ServiceDeps,
  download: { materialId: string; file: string; locale: Locale },
): Promise<void> {
  const day = deps.clock().toISOString().slice(0, 10);
  await deps.db
    .insert(downloadCounts)
    .values({ ...download, day, count: 1 })
    .onConflictDoUpdate({
      target: [downloadCounts.materialId, downloadCounts.file, downloadCounts.locale, downloadCounts.day],
      set: { count: sql`${downloadCounts.count} + 1` },
    });
}

/** Downloads for organisers: per material (with its files and locales) and per month for the last year. */
export interface DownloadStats {
  total: number;
  months: MonthCount[];
  materials: { materialId: string; total: number; byLocale: Record<string, number>; months: MonthCount[] }[];
}

export async function downloadStats(deps: ServiceDeps): Promise<DownloadStats> {
  const now = deps.clock();
  const since = new Date(Date.UTC(now.getUTCFullYear() - 1, now.getUTCMonth(), 1)).toISOString().slice(0, 10);
  const rows = await deps.db
    .select({
      materialId: downloadCounts.materialId,
      locale: downloadCounts.locale,
      day: downloadCounts.day,
      count: sql<number>`sum(${downloadCounts.count})`,
    })
    .from(downloadCounts)
    .where(gte(downloadCounts.day, since))
    .groupBy(downloadCounts.materialId, downloadCounts.locale, downloadCounts.day)
    .orderBy(desc(downloadCounts.day));
  const byMaterial = new Map<string, typeof rows>();
  for (const row of rows) byMaterial.set(row.materialId, [...(byMaterial.get(row.materialId) ?? []), row]);
  const materials = [...byMaterial].map(([materialId, own]) => ({
    materialId,
    total: own.reduce((n, r) => n + r.count, 0),
    byLocale: own.reduce<Record<string, number>>((acc, r) => {
      acc[r.locale] = (acc[r.locale] ?? 0) + r.count;
      return acc;
    }, {}),
    months: monthlySeries(own, now),
  }));
  materials.sort((a, b) => b.total - a.total || a.materialId.localeCompare(b.materialId));
  return { total: rows.reduce((n, r) => n + r.count, 0), months: monthlySeries(rows, now), materials };
}

/** Every counter row, for the CSV export. */
export const allDownloadCounts = (deps: ServiceDeps) =>
  deps.db
    .select()
    .from(downloadCounts)
    .orderBy(downloadCounts.day, downloadCounts.materialId, downloadCounts.file, downloadCounts.locale);
