/**
 * The benchmark harness: every suite reports through `BenchContext.report`, which prints one JSON
 * object per line on stdout (DESIGN.md's schema); progress goes to stderr.
 */

/** One result line. `baseline_ms`/`ratio` where the workload has a yardstick measured in the same run. */
export interface BenchRecord {
  suite: string;
  case: string;
  n?: number;
  threads?: number;
  batch?: number;
  params?: number;
  median_ms: number;
  runs: number;
  baseline?: string;
  baseline_ms?: number;
  ratio?: number;
  [extra: string]: unknown;
}

export interface TimeOptions {
  /** Timed runs (default: enough for about `budgetMs`, between 3 and 15). */
  runs?: number;
  /** Untimed warm-up runs (default 1). */
  warmup?: number;
  /** Time budget for the timed runs in ms (default 1000). */
  budgetMs?: number;
}

/** Median wall time of `fn` in ms after warm-up. */
export function timeIt(
  fn: () => void,
  options: TimeOptions = {},
): { median_ms: number; runs: number } {
  const warmup = options.warmup ?? 1;
  for (let i = 0; i < warmup; i++) fn();
  let runs = options.runs;
  const samples: number[] = [];
  if (runs === undefined) {
    const t0 = performance.now();
    fn();
    const first = performance.now() - t0;
    samples.push(first);
    runs = Math.max(
      3,
      Math.min(15, Math.floor((options.budgetMs ?? 1000) / Math.max(first, 1e-3))),
    );
  }
  while (samples.length < runs) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  return { median_ms: round(median(samples)), runs: samples.length };
}

/** Async variant of {@link timeIt}. */
export async function timeItAsync(
  fn: () => Promise<void>,
  options: TimeOptions = {},
): Promise<{ median_ms: number; runs: number }> {
  const warmup = options.warmup ?? 1;
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  const runs = options.runs ?? 5;
  while (samples.length < runs) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return { median_ms: round(median(samples)), runs: samples.length };
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function round(x: number, digits = 4): number {
  if (x === 0) return 0;
  const scale = 10 ** Math.max(0, digits - Math.ceil(Math.log10(Math.abs(x))));
  return Math.round(x * scale) / scale;
}

export class BenchContext {
  constructor(
    /** `--quick`: a small subset that runs in under a minute. */
    readonly quick: boolean,
    private readonly filter: string | undefined,
  ) {}

  /** Every `suite/case` name a suite asked about, and those `--filter` selected. */
  private readonly seen = new Set<string>();
  private readonly matched = new Set<string>();

  /** Whether a case named `suite/case` is selected by `--filter`. */
  selected(suite: string, caseName: string): boolean {
    const name = `${suite}/${caseName}`;
    this.seen.add(name);
    const yes = this.filter === undefined || name.includes(this.filter);
    if (yes) this.matched.add(name);
    return yes;
  }

  /**
   * After every suite ran: why `--filter` selected nothing, or undefined when it selected a case
   * (or there is no filter). Names a few cases so the user sees what a filter matches against.
   */
  unmatchedFilter(): string | undefined {
    if (this.filter === undefined || this.matched.size > 0) return undefined;
    const examples = [...this.seen].slice(0, 4).join(", ");
    return `bench: --filter ${JSON.stringify(this.filter)} matches no case${this.quick ? " of --quick" : ""}; cases are named suite/case, e.g. ${examples}`;
  }

  /** Prints one result line; fills in `ratio` from `baseline_ms`. */
  report(record: BenchRecord): void {
    const out: BenchRecord = { ...record };
    if (out.baseline_ms !== undefined && out.ratio === undefined) {
      out.ratio = round(out.median_ms / out.baseline_ms, 3);
    }
    process.stdout.write(`${JSON.stringify(out)}\n`);
  }

  progress(message: string): void {
    process.stderr.write(`${message}\n`);
  }
}

/** A benchmark suite: one file in bench/, registered in bench/run.ts. */
export interface BenchSuite {
  name: string;
  run(ctx: BenchContext): Promise<void> | void;
}
