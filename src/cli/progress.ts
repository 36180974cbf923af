/**
 * A progress bar for training loops, written to stderr so stdout stays for results. In a terminal
 * it redraws one line in place (at most ~20 times a second); elsewhere (CI logs, pipes) it prints
 * a plain line every 10% of a loop, so logs stay short and readable.
 */

/** Where the bar is drawn: stderr by default. */
export interface ProgressStream {
  /** Writes text as is (no newline added). */
  write(text: string): unknown;
  /** True for a terminal: the bar then redraws one line in place. */
  readonly isTTY?: boolean;
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

/**
 * A progress bar fed with `update(step, total, status)`. A loop starts when `step` drops below the
 * previous step or `total` changes; `clear()` erases the terminal line so other output can be
 * printed, `done()` finishes the current line.
 * @example
 * const bar = new ProgressBar({ label: "vqe-h2" });
 * for (let i = 1; i <= 100; i++) bar.update(i, 100, `E = ${(-1 - i / 1000).toFixed(4)}`);
 * bar.done();
 */
export class ProgressBar {
  private readonly stream: ProgressStream;
  private readonly label: string;
  private readonly width: number;
  private readonly tty: boolean;
  private readonly intervalMs: number;
  private total = 0;
  private step = 0;
  private status = "";
  private lastDraw = 0;
  private lastDecile = -1;
  private shown = false;

  constructor(options: ProgressOptions = {}) {
    this.stream = options.stream ?? process.stderr;
    this.label = options.label ?? "";
    this.width = Math.max(4, Math.floor(options.width ?? 24));
    this.tty = options.tty ?? this.stream.isTTY === true;
    this.intervalMs = options.intervalMs ?? 50;
  }

  /** Reports `step` of `total` (1-based steps; `step === total` ends the loop's line). */
  update(step: number, total: number, status = ""): void {
    if (!(total > 0) || !Number.isFinite(step)) return;
    if (total !== this.total || step < this.step) this.startLoop(total);
    this.step = Math.min(Math.max(step, 0), total);
    this.status = status;
    const finished = this.step >= total;
    if (this.tty) {
      const now = Date.now();
      if (finished || now - this.lastDraw >= this.intervalMs) {
        this.lastDraw = now;
        this.stream.write(`\r\x1b[2K${this.line()}`);
        this.shown = true;
        if (finished) this.done();
      }
      return;
    }
    const decile = Math.floor((10 * this.step) / total);
    if (decile > this.lastDecile) {
      this.lastDecile = decile;
      this.stream.write(`${this.line()}\n`);
    }
    if (finished) this.reset();
  }

  /** Erases the bar's terminal line (before printing other output); it reappears on the next update. */
  clear(): void {
    if (this.tty && this.shown) {
      this.stream.write("\r\x1b[2K");
      this.shown = false;
      this.lastDraw = 0;
    }
  }

  /** Ends the current loop's line. */
  done(): void {
    if (this.tty && this.shown) this.stream.write("\n");
    this.shown = false;
    this.reset();
  }

  /** The bar as text, e.g. `vqe-h2 [######------]  50% 100/200 E = -1.1`. */
  line(): string {
    const frac = this.total > 0 ? this.step / this.total : 0;
    const filled = Math.round(frac * this.width);
    const bar = `[${"#".repeat(filled)}${"-".repeat(this.width - filled)}]`;
    const pct = `${Math.floor(frac * 100)}`.padStart(3);
    const parts = [this.label, bar, `${pct}%`, `${this.step}/${this.total}`, this.status];
    return parts.filter((p) => p !== "").join(" ");
  }

  private startLoop(total: number): void {
    if (this.tty && this.shown) this.stream.write("\n");
    this.shown = false;
    this.total = total;
    this.step = 0;
    this.lastDecile = -1;
    this.lastDraw = 0;
  }

  private reset(): void {
    this.total = 0;
    this.step = 0;
    this.lastDecile = -1;
  }
}
