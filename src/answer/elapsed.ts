/** Milliseconds since `startedAt` (a `performance.now()` reading), to one decimal: how results report time. */
export function elapsedMs(startedAt: number): number {
  return Math.round((performance.now() - startedAt) * 10) / 10;
}
