/**
 * Test-only dense complex matrices: interleaved (re, im) Float64Arrays, row-major, the first
 * qubit of a gate is the most significant bit. Deliberately naive and independent of src/.
 */
export type CMat = Float64Array;

/** A complex number as [re, im]. */
export type C = readonly [number, number];

export const dim = (m: CMat): number => Math.round(Math.sqrt(m.length / 2));

export const expi = (t: number): C => [Math.cos(t), Math.sin(t)];

/** e^{i(a+b)} as e^{ia} e^{ib}: exact also where the rounded sum a + b is not (|a| ~ 1e15). */
export const expiSum = (a: number, b: number): C => {
  const [ar, ai] = expi(a);
  const [br, bi] = expi(b);
  return [ar * br - ai * bi, ar * bi + ai * br];
};

/** A matrix from rows of real numbers or [re, im] pairs. */
export function mat(rows: readonly (readonly (number | C)[])[]): CMat {
  const d = rows.length;
  const out = new Float64Array(2 * d * d);
  rows.forEach((row, i) => {
    if (row.length !== d) throw new Error(`row ${i} has ${row.length} entries, expected ${d}`);
    row.forEach((v, j) => {
      out[2 * (i * d + j)] = typeof v === "number" ? v : v[0];
      out[2 * (i * d + j) + 1] = typeof v === "number" ? 0 : v[1];
    });
  });
  return out;
}

export function identity(d: number): CMat {
  const out = new Float64Array(2 * d * d);
  for (let i = 0; i < d; i++) out[2 * (i * d + i)] = 1;
  return out;
}

/** a * b. */
export function mul(a: CMat, b: CMat): CMat {
  const d = dim(a);
  const out = new Float64Array(2 * d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      let re = 0;
      let im = 0;
      for (let k = 0; k < d; k++) {
        const ar = a[2 * (i * d + k)]!;
        const ai = a[2 * (i * d + k) + 1]!;
        const br = b[2 * (k * d + j)]!;
        const bi = b[2 * (k * d + j) + 1]!;
        re += ar * br - ai * bi;
        im += ar * bi + ai * br;
      }
      out[2 * (i * d + j)] = re;
      out[2 * (i * d + j) + 1] = im;
    }
  }
  return out;
}

export function kron(a: CMat, b: CMat): CMat {
  const da = dim(a);
  const db = dim(b);
  const d = da * db;
  const out = new Float64Array(2 * d * d);
  for (let i = 0; i < da; i++)
    for (let j = 0; j < da; j++)
      for (let k = 0; k < db; k++)
        for (let l = 0; l < db; l++) {
          const ar = a[2 * (i * da + j)]!;
          const ai = a[2 * (i * da + j) + 1]!;
          const br = b[2 * (k * db + l)]!;
          const bi = b[2 * (k * db + l) + 1]!;
          const at = 2 * ((i * db + k) * d + (j * db + l));
          out[at] = ar * br - ai * bi;
          out[at + 1] = ar * bi + ai * br;
        }
  return out;
}

/** c * m for a complex scalar c. */
export function scale(m: CMat, c: C): CMat {
  const out = new Float64Array(m.length);
  for (let i = 0; i < m.length; i += 2) {
    out[i] = c[0] * m[i]! - c[1] * m[i + 1]!;
    out[i + 1] = c[0] * m[i + 1]! + c[1] * m[i]!;
  }
  return out;
}

export function add(a: CMat, b: CMat): CMat {
  return a.map((v, i) => v + b[i]!);
}

/** Conjugate transpose. */
export function dagger(m: CMat): CMat {
  const d = dim(m);
  const out = new Float64Array(m.length);
  for (let i = 0; i < d; i++)
    for (let j = 0; j < d; j++) {
      out[2 * (j * d + i)] = m[2 * (i * d + j)]!;
      out[2 * (j * d + i) + 1] = -m[2 * (i * d + j) + 1]!;
    }
  return out;
}

/** Block diag(I, u): u controlled by `nControls` leading qubits. */
export function controlled(u: CMat, nControls = 1): CMat {
  let m = u;
  for (let c = 0; c < nControls; c++) {
    const d = dim(m);
    const out = identity(2 * d);
    for (let i = 0; i < d; i++)
      for (let j = 0; j < d; j++) {
        out[2 * ((d + i) * 2 * d + d + j)] = m[2 * (i * d + j)]!;
        out[2 * ((d + i) * 2 * d + d + j) + 1] = m[2 * (i * d + j) + 1]!;
      }
    m = out;
  }
  return m;
}

/**
 * Converts a matrix written in Qiskit's little-endian order (gate qubit 0 = least significant
 * bit) to this project's order (gate qubit 0 = most significant) by reversing the index bits.
 */
export function fromLittleEndian(m: CMat): CMat {
  const d = dim(m);
  const k = Math.round(Math.log2(d));
  const rev = (i: number) => {
    let r = 0;
    for (let b = 0; b < k; b++) if ((i >> b) & 1) r |= 1 << (k - 1 - b);
    return r;
  };
  const out = new Float64Array(m.length);
  for (let i = 0; i < d; i++)
    for (let j = 0; j < d; j++) {
      out[2 * (rev(i) * d + rev(j))] = m[2 * (i * d + j)]!;
      out[2 * (rev(i) * d + rev(j)) + 1] = m[2 * (i * d + j) + 1]!;
    }
  return out;
}

/** Largest entrywise |a - b|. */
export function maxDiff(a: Float64Array, b: Float64Array): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let worst = 0;
  for (let i = 0; i < a.length; i += 2) {
    worst = Math.max(worst, Math.hypot(a[i]! - b[i]!, a[i + 1]! - b[i + 1]!));
  }
  return worst;
}

/**
 * min over phases of max |e^{i phi} a - b|, phi taken from the largest entry of a
 * (vectors or matrices alike).
 */
export function diffUpToPhase(a: Float64Array, b: Float64Array): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let best = 0;
  let at = 0;
  for (let i = 0; i < a.length; i += 2) {
    const m = Math.hypot(a[i]!, a[i + 1]!);
    if (m > best) {
      best = m;
      at = i;
    }
  }
  if (best === 0) return maxDiff(a, b);
  // phase = b[at] / a[at], normalized
  const ar = a[at]!;
  const ai = a[at + 1]!;
  const br = b[at]!;
  const bi = b[at + 1]!;
  let pr = (br * ar + bi * ai) / (best * best);
  let pi = (bi * ar - br * ai) / (best * best);
  const pm = Math.hypot(pr, pi) || 1;
  pr /= pm;
  pi /= pm;
  return maxDiff(scale(a, [pr, pi]), b);
}
