import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { z } from 'zod';
import { asWhole } from './numbers.ts';

/** Page sizes a list offers; anything else in the query falls back to {@link DEFAULT_PAGE_SIZE}. */
export const PAGE_SIZES = [10, 25, 50, 100] as const;
/** Rows per page when the query names no (or an unknown) size. */
export const DEFAULT_PAGE_SIZE = 25;
/** Longest search text, in characters; longer text is cut. */
export const SEARCH_MAX = 200;

/**
 * Paging and search as a query string carries them: `page` (1-based), `size` (one of
 * {@link PAGE_SIZES}) and `q` (free text). Garbage never fails: it reads as page 1, the default
 * size and no search (S21).
 */
export const pagingQuery = z.object({
  page: z.preprocess(asWhole, z.number().int().min(1).max(1_000_000)).catch(1),
  size: z
    .preprocess(
      asWhole,
      z
        .number()
        .int()
        .refine((n) => (PAGE_SIZES as readonly number[]).includes(n)),
    )
    .catch(DEFAULT_PAGE_SIZE),
  q: z
    .string()
    .trim()
    .catch('')
    .transform((s) => s.slice(0, SEARCH_MAX)),
});
export type Paging = z.infer<typeof pagingQuery>;
/** Paging and search as a query string carries them (each optional). */
export type PagingQuery = { page?: string; size?: string; q?: string };

/** Where a page of a list stands: 1-based `page` (clamped to the last page), rows per page, rows in all, pages. */
export interface PageInfo {
  page: number;
  size: number;
  total: number;
  pages: number;
}

/**
 * The page actually shown for `total` rows: a page past the end shows the last one (1 when the
 * list is empty), with the offset of its first row.
 */
export function pageInfo(total: number, paging: Pick<Paging, 'page' | 'size'>): PageInfo & { offset: number } {
  const pages = Math.max(1, Math.ceil(total / paging.size));
  const page = Math.min(paging.page, pages);
  return { page, size: paging.size, total, pages, offset: (page - 1) * paging.size };
}

/**
 * A condition "any of `columns` contains `text`" (LIKE with `%`, `_` and `\` taken literally).
 * SQLite compares ASCII letters without case; other letters (č, ї) must match in case.
 */
export function contains(text: string, columns: readonly SQLWrapper[]): SQL {
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const any = sql.join(
    columns.map((column) => sql`${column} LIKE ${pattern} ESCAPE '\\'`),
    sql` OR `,
  );
  return sql`(${any})`;
}
