import { desc } from 'drizzle-orm';
import { materialFeedback } from '../db/schema/index.ts';
import type { Deps } from '../deps.ts';
import type { FeedbackInput } from './materials.schemas.ts';

type ServiceDeps = Pick<Deps, 'db' | 'clock'>;

export async function saveFeedback(deps: ServiceDeps, input: FeedbackInput): Promise<void> {
  await deps.db.insert(materialFeedback).values({
    id: crypto.randomUUID(),
    materialId: input.materialId,
    locale: input.lang,
    students: input.students,
    ageGroup: input.ageGroup,
    schoolType: input.schoolType,
    comment: input.comment,
    createdAt: deps.clock(),
  });
}

/** What organisers report to funders: answers, learners reached, by age group, school type and material. */
export interface ImpactSummary {
  answers: number;
  students: number;
  byAgeGroup: Record<string, number>;
  bySchoolType: Record<string, number>;
  byMaterial: Record<string, { answers: number; students: number }>;
  /** The newest free-text comments, newest first. */
  comments: { materialId: string; comment: string; createdAt: string }[];
}

/** Pure: the summary of a set of answers. */
export function summarise(rows: readonly (typeof materialFeedback.$inferSelect)[], commentLimit = 20): ImpactSummary {
  const add = (acc: Record<string, number>, key: string, n: number) => {
    acc[key] = (acc[key] ?? 0) + n;
    return acc;
  };
  const byMaterial: ImpactSummary['byMaterial'] = {};
  for (const r of rows) {
    const m = byMaterial[r.materialId] ?? { answers: 0, students: 0 };
    byMaterial[r.materialId] = m;
    m.answers += 1;
    m.students += r.students;
  }
  return {
    answers: rows.length,
    students: rows.reduce((n, r) => n + r.students, 0),
    byAgeGroup: rows.reduce((acc, r) => add(acc, r.ageGroup, r.students), {} as Record<string, number>),
    bySchoolType: rows.reduce((acc, r) => add(acc, r.schoolType, r.students), {} as Record<string, number>),
    byMaterial,
    comments: [...rows]
      .filter((r) => r.comment !== '')
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
      .slice(0, commentLimit)
      .map((r) => ({ materialId: r.materialId, comment: r.comment, createdAt: r.createdAt.toISOString() })),
  };
}

export const allFeedback = (deps: ServiceDeps) =>
  deps.db.select().from(materialFeedback).orderBy(desc(materialFeedback.createdAt));
