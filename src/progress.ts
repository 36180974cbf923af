/**
 * A progress bar for training loops, written to stderr so stdout stays for results. In a terminal
 * cli-progress redraws one line in place (at most ~20 times a second); elsewhere (CI logs, pipes)
 * a plain line is printed every 10% of a loop, so logs stay short and readable (cli-progress
 * itself is silent there, or prints on a timer, which makes logs depend on the machine's speed).
 */
import cliProgress from "cli-progress";

/**
 * What a long loop reports its progress to: `fit()`'s `progress` option takes any such object,
 * e.g. the {@link ProgressBar} the CLI draws.
 */
export interface ProgressReporter {
  /** `step` of `total` done (1-based), with a short status text. */
  update(step: number, total: number, status?: string): void;
}

/** Where the bar is drawn: stderr by default. */
export interface ProgressStream {
  /** Writes text as is (no newline added). */
  write(text: string): unknown;
  /** True for a terminal: the bar then redraws one line in place. */
  readonly isTTY?: boolean;
  /** The terminal's width in columns, when known (the bar's line is cut to it). */
  readonly columns?: number;
}

/** Options of {@link ProgressBar}. */
export interface ProgressOptions {
  /** Default `process.stderr`. */
  stream?: ProgressStream;
  /** Shown before the bar (e.g. the tutorial's name). */
  label?: string;
  /** Bar width in characters (default 24). */
  width?: number;
  /** Force terminal (redraw) or plain-line mode; default: the stream's `isTTY`. */
  tty?: boolean;
  /** Milliseconds between terminal redraws (default 50). */
  intervalMs?: number;
}

/** What one loop has reached: `step` of `total`, with a status text. */
interface LoopState {
  total: number;
  step: number;
  status: string;
}

/**
 * A progress bar fed with `update(step, total, status)`. A loop starts when `step` drops below the
 * previous step or `total` changes; `clear()` erases the terminal line so other output can be
 * printed, `done()` finishes the current line.
 * @example
 * const bar = new ProgressBar({ label: "vqe-h2" });
 * for (let i = 1; i <= 100; i++) bar.update(i, 100, `E = ${(-1 - i / 1000).toFixed(4)}`);
 * bar.done();
 */
export class ProgressBar implements ProgressReporter {
  private readonly stream: ProgressStream;
  private readonly label: string;
  private readonly width: number;
  private readonly tty: boolean;
  private readonly intervalMs: number;
  private loop: LoopState = { total: 0, step: 0, status: "" };
  private lastDecile = -1;
  /** The cli-progress bar drawing the current loop in a terminal (undefined while cleared). */
  private drawn: cliProgress.SingleBar | undefined;

  constructor(options: ProgressOptions = {}) {
    this.stream = options.stream ?? process.stderr;
    this.label = options.label ?? "";
    this.width = Math.max(4, Math.floor(options.width ?? 24));
    this.tty = options.tty ?? this.stream.isTTY === true;
    this.intervalMs = Math.max(0, options.intervalMs ?? 50);
  }

  /** Reports `step` of `total` (1-based steps; `step === total` ends the loop's line). */
  update(step: number, total: number, status = ""): void {
    if (!(total > 0) || !Number.isFinite(step)) return;
    if (total !== this.loop.total || step < this.loop.step) this.startLoop(total);
    this.loop.step = Math.min(Math.max(step, 0), total);
    this.loop.status = status;
    const finished = this.loop.step >= total;
    if (this.tty) {
      if (finished) {
        this.done();
        return;
      }
      if (this.drawn === undefined) this.drawn = this.startDrawing();
      else this.drawn.update(this.loop.step, { status });
      return;
    }
    const decile = Math.floor((10 * this.loop.step) / total);
    if (decile > this.lastDecile) {
      this.lastDecile = decile;
      this.stream.write(`${this.line()}\n`);
    }
    if (finished) this.reset();
  }

  /** Erases the bar's terminal line (before printing other output); it reappears on the next update. */
  clear(): void {
    // the bars are made with clearOnComplete, so stopping one erases its line
    this.drawn?.stop();
    this.drawn = undefined;
  }

  /** Ends the current loop's line. */
  done(): void {
    if (this.drawn !== undefined) {
      this.clear();
      this.stream.write(`${this.line()}\n`);
    }
    this.reset();
  }

  /** The bar as text, e.g. `vqe-h2 [######------]  50% 100/200 E = -1.1`. */
  line(): string {
    const { step, total, status } = this.loop;
    return this.format(total > 0 ? step / total : 0, step, total, status);
  }

  private format(progress: number, step: number, total: number, status: string): string {
    const bar = `[${cliProgress.Format.BarFormat(progress, this.barOptions())}]`;
    const pct = `${Math.floor(progress * 100)}`.padStart(3);
    const parts = [this.label, bar, `${pct}%`, `${step}/${total}`, status];
    return parts.filter((p) => p !== "").join(" ");
  }

  /** What cli-progress's bar formatter reads: the width and the two fill strings. */
  private barOptions(): cliProgress.Options & { barGlue: string } {
    return {
      barsize: this.width,
      barCompleteString: "#".repeat(this.width),
      barIncompleteString: "-".repeat(this.width),
      barGlue: "",
    };
  }

  /** A cli-progress bar showing the current loop, drawn at once. */
  private startDrawing(): cliProgress.SingleBar {
    // cli-progress draws only on a terminal: this view says "terminal" when `tty` forces it, and
    // cli-progress only calls write (and reads isTTY, columns), though it types a Node writable
    const out = this.stream;
    const terminal = { isTTY: true, columns: out.columns, write: (s: string) => out.write(s) };
    const bar = new cliProgress.SingleBar({
      stream: terminal as unknown as NodeJS.WritableStream,
      format: (_options, params, payload: { status?: string }) =>
        this.format(params.progress, params.value, params.total, payload.status ?? ""),
      // a redraw from update() waits 2 frames, so a frame of intervalMs / 2 caps those at intervalMs
      fps: this.intervalMs > 0 ? 2000 / this.intervalMs : Number.POSITIVE_INFINITY,
      clearOnComplete: true,
      hideCursor: null,
      gracefulExit: false,
    });
    bar.start(this.loop.total, this.loop.step, { status: this.loop.status });
    return bar;
  }

  private startLoop(total: number): void {
    if (this.drawn !== undefined) this.done();
    this.loop = { total, step: 0, status: "" };
    this.lastDecile = -1;
  }

  private reset(): void {
    this.loop = { total: 0, step: 0, status: "" };
    this.lastDecile = -1;
  }
}
