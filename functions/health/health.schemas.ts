/** `GET /api/health`'s answer (200 when `status` is `ok`, else 503). */
export interface HealthReport {
  status: 'ok' | 'degraded';
  /** The deployed package version. */
  version: string;
  database: {
    /** `behind`/`ahead`: fewer/more migrations recorded than this build has. */
    status: 'ok' | 'unreachable' | 'behind' | 'ahead';
    /** Round trip of the first statement, ms (0.1 ms steps). */
    latencyMs: number;
    /** Migrations recorded in the database against those of this build; null when unreachable. */
    migrations: { applied: number; expected: number } | null;
  };
  files: {
    /**
     * `missing`: no R2 binding (`FILES`); `unreachable`: the binding failed; `incomplete`: a file
     * the database lists as stored (a complete upload) is not in the bucket (e.g. after a restore).
     */
    status: 'ok' | 'unreachable' | 'missing' | 'incomplete';
    /** Round trip of the file check (the bucket's list calls, after the database's keys), ms; null without a binding. */
    latencyMs: number | null;
    /**
     * The stored files: how many the database lists as complete uploads, how many of them were
     * compared with the bucket's listing (all up to 10,000; the same ones every poll), and how many
     * of those R2 does not have. Null without a binding, or when the database could not list them.
     */
    stored: { files: number; checked: number; missing: number } | null;
  };
}
