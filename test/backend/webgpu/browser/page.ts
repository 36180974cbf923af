/**
 * What every browser-side WebGPU suite shares: the checks it reports (largest error against a
 * tolerance, judged by the vitest side), error measures, and publishing the report as JSON in
 * <pre id="done"> (the marker `runPage` waits for), an error report included.
 */

/** The DOM the pages use (qoar compiles without the DOM library). */
interface PageElement {
  id: string;
  textContent: string | null;
}
declare const document: {
  createElement(tag: string): PageElement;
  body: { appendChild(e: PageElement): void };
};

/** One comparison: its largest error and the tolerance it must stay within. */
export interface Check {
  name: string;
  err: number;
  tol: number;
}

/** The checks of this page, in order. */
export const checks: Check[] = [];
/** Wall times (ms) worth printing, by label. */
export const timings: Record<string, number> = {};

/** Largest |a - b| (infinite on a length mismatch or NaN). */
export function absErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return Number.isNaN(m) ? Number.POSITIVE_INFINITY : m;
}

/** Largest |a - b| over the largest |b| (relative to the largest component). */
export function relErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (b.length === 0) return Number.POSITIVE_INFINITY;
  let scale = 1e-12;
  for (let i = 0; i < b.length; i++) scale = Math.max(scale, Math.abs(b[i]!));
  return absErr(a, b) / scale;
}

type Counts = Record<string, number>;

/** How many outcomes moved between two (batches of) counts. */
export function countDiff(a: Counts | Counts[], b: Counts | Counts[]): number {
  const as = Array.isArray(a) ? a : [a];
  const bs = Array.isArray(b) ? b : [b];
  let d = 0;
  as.forEach((ca, i) => {
    const cb = bs[i] ?? {};
    for (const k of new Set([...Object.keys(ca), ...Object.keys(cb)]))
      d += Math.abs((ca[k] ?? 0) - (cb[k] ?? 0));
  });
  return d;
}

/** Runs `main` and writes its result (or the error) as JSON into <pre id="done">. */
export function publish(main: () => Promise<Record<string, unknown>>): void {
  const done = document.createElement("pre");
  done.id = "done";
  main()
    .then((r) => {
      done.textContent = JSON.stringify(r);
    })
    .catch((e: Error) => {
      done.textContent = JSON.stringify({ error: `${e.name}: ${e.message}\n${e.stack}` });
    })
    .finally(() => document.body.appendChild(done));
}
