/** Wait before the next try after `attempts` failed sends: 1 min, 5 min, 30 min, 2 h, then 12 h. */
export function retryDelayMs(attempts: number): number {
  const minutes = [1, 5, 30, 120][attempts - 1] ?? 720;
  return minutes * 60_000;
}
