import { zipSync } from 'fflate';

// A ZIP stores local date and time (MS-DOS format): a date built from local parts is written
// the same in every time zone, so the archive's bytes do not depend on the build machine.
const fixedTime = new Date(2026, 10, 20, 12, 0, 0);

/** A ZIP of the given files, in path order, with fixed dates: the same input gives the same bytes. */
export function deterministicZip(files: readonly { path: string; bytes: Uint8Array }[]): Uint8Array {
  const sorted = [...files].sort((a, b) => a.path.localeCompare(b.path));
  return zipSync(Object.fromEntries(sorted.map((f) => [f.path, [f.bytes, { mtime: fixedTime }]])), { level: 6 });
}
