/**
 * Index-build progress as people read it: texts embedded, rate, and time left, for the CLI's stderr and
 * `serve`'s log. The rate is measured from the first report on (so model loading is not counted as slow
 * embedding) and the time left assumes it holds. `embedAll` reports 0 first, when embedding starts.
 */

export interface ProgressSnapshot {
  done: number;
  total: number;
  percent: number;
  /** Texts per second so far; undefined until two reports are apart in time. */
  rate: number | undefined;
  /** Seconds left at that rate. */
  etaSec: number | undefined;
}

export class ProgressMeter {
  private firstAt: number | undefined;
  private firstDone = 0;

  constructor(private readonly clock: () => number = () => performance.now()) {}

  update(done: number, total: number): ProgressSnapshot {
    const at = this.clock();
    if (this.firstAt === undefined) {
      this.firstAt = at;
      this.firstDone = done;
    }
    const seconds = (at - this.firstAt) / 1000;
    const rate = seconds > 0 && done > this.firstDone ? (done - this.firstDone) / seconds : undefined;
    const etaSec = rate !== undefined ? Math.max(0, (total - done) / rate) : undefined;
    return { done, total, percent: total > 0 ? Math.floor((done / total) * 100) : 100, rate, etaSec };
  }
}

function duration(sec: number): string {
  if (sec < 60) return `${Math.ceil(sec)} s`;
  const min = Math.floor(sec / 60);
  return min < 60 ? `${min} min ${Math.round(sec % 60)} s` : `${Math.floor(min / 60)} h ${min % 60} min`;
}

/** "Embedding 1,200/3,485 texts (34%), 41.2 texts/s, about 55 s left" */
export function formatProgress(p: ProgressSnapshot): string {
  const count = `Embedding ${p.done.toLocaleString("en-US")}/${p.total.toLocaleString("en-US")} texts (${p.percent}%)`;
  if (p.done >= p.total) return `${count}${p.rate !== undefined ? `, ${p.rate.toFixed(1)} texts/s` : ""}, done`;
  if (p.rate === undefined || p.etaSec === undefined) return count;
  return `${count}, ${p.rate.toFixed(1)} texts/s, about ${duration(p.etaSec)} left`;
}

/**
 * A progress callback that reports at most every `everyMs` (and always the last report), for logs
 * that should not get a line per slice.
 */
export function throttledProgress(report: (p: ProgressSnapshot) => void, everyMs: number, clock: () => number = () => performance.now()): (done: number, total: number) => void {
  const meter = new ProgressMeter(clock);
  let lastAt = Number.NEGATIVE_INFINITY;
  return (done, total) => {
    const snapshot = meter.update(done, total);
    const at = clock();
    if (done < total && at - lastAt < everyMs) return;
    lastAt = at;
    report(snapshot);
  };
}
