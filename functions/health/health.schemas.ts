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
    /** `missing`: no R2 binding (`FILES`); `unreachable`: the binding failed. */
    status: 'ok' | 'unreachable' | 'missing';
    /** Round trip of a HEAD request, ms; null without a binding. */
    latencyMs: number | null;
  };
}
