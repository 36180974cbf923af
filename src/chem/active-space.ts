/**
 * MO integrals and active spaces: the AO -> MO four-index transform, and freezing doubly
 * occupied core orbitals into a constant energy and an effective one-electron operator.
 *
 * Layout: `h[p * n + q]` = h_pq, `eri[((p * n + q) * n + r) * n + s]` = (pq|rs) in chemists'
 * notation, over real spatial orbitals.
 */
import { ArgumentError, describe, ShapeError } from "../errors.js";
import { type Rng, toRng } from "../random.js";
import { checkArity, checkOptions, optionKeys } from "../validate.js";

/** Spatial-orbital integrals of a Hamiltonian H = constant + Σ h_pq E_pq + ½ Σ (pq|rs) (E_pq E_rs - δ_qr E_ps). */
export interface MOIntegrals {
  /** Number of spatial orbitals n. */
  nOrbitals: number;
  /** Energy constant: nuclear repulsion plus the frozen-core energy. */
  constant: number;
  /** One-electron integrals h_pq, row-major n x n. */
  h: Float64Array;
  /** Two-electron integrals (pq|rs), chemists' notation, row-major n^4. */
  eri: Float64Array;
}

/** A real matrix given nested (`number[][]`) or flat row-major with its side length. */
export type MatrixLike = readonly (readonly number[])[] | Float64Array;

function flatten(m: unknown, expected: number, name: string): Float64Array {
  if (m instanceof Float64Array) {
    if (m.length !== expected)
      throw new ShapeError(`${name}: expected ${expected} entries, got ${m.length}`);
    for (let i = 0; i < m.length; i++) {
      if (!Number.isFinite(m[i]!))
        throw new ArgumentError(`${name}: entries must be finite, got ${m[i]} at ${i}`);
    }
    return m.slice();
  }
  const out = new Float64Array(expected);
  let k = 0;
  const walk = (x: unknown): void => {
    if (typeof x === "number") {
      if (k >= expected) throw new ShapeError(`${name}: more than ${expected} entries`);
      if (!Number.isFinite(x)) throw new ArgumentError(`${name}: entries must be finite, got ${x}`);
      out[k++] = x;
    } else if (Array.isArray(x) || ArrayBuffer.isView(x)) {
      const arr = x as ArrayLike<unknown>;
      for (let i = 0; i < arr.length; i++) walk(arr[i]);
    } else throw new ArgumentError(`${name}: expected numbers, got ${describe(x)}`);
  };
  walk(m);
  if (k !== expected) throw new ShapeError(`${name}: expected ${expected} entries, got ${k}`);
  return out;
}

/**
 * Checks that `ints` is MO integrals: `nOrbitals`, `h` (n^2 values), `eri` (n^4), `constant`.
 * @example
 * checkMOIntegrals(problem.integrals, "fci");
 */
export function checkMOIntegrals(ints: unknown, where: string): MOIntegrals {
  const m = ints as MOIntegrals;
  const n = m?.nOrbitals;
  if (
    m === null ||
    typeof m !== "object" ||
    !Number.isInteger(n) ||
    n < 0 ||
    !(m.h instanceof Float64Array) ||
    m.h.length !== n * n ||
    !(m.eri instanceof Float64Array) ||
    m.eri.length !== n ** 4 ||
    typeof m.constant !== "number"
  ) {
    throw new ArgumentError(
      `${where}: expected MO integrals { nOrbitals, h (n^2 values), eri (n^4), constant }, got ${describe(ints)}`,
    );
  }
  return m;
}

/**
 * MOIntegrals from nested arrays (as in the reference JSON files).
 * @example
 * const ints = moIntegralsFromArrays(ref.h_mo, ref.eri_mo_chemist, ref.e_nuc);
 */
export function moIntegralsFromArrays(h: MatrixLike, eri: unknown, constant = 0): MOIntegrals {
  const n = h instanceof Float64Array ? Math.round(Math.sqrt(h.length)) : h.length;
  if (!Number.isFinite(constant))
    throw new ArgumentError(`moIntegralsFromArrays: constant must be finite, got ${constant}`);
  return { nOrbitals: n, constant, h: flatten(h, n * n, "h"), eri: flatten(eri, n ** 4, "eri") };
}

/**
 * AO -> MO transform: h_pq = Σ C_μp C_νq h_μν, (pq|rs) = Σ C_μp C_νq C_λr C_σs (μν|λσ), in four
 * quarter steps (O(N^5)).
 * @param hAO core Hamiltonian T + V in the AO basis (nbf x nbf)
 * @param eriAO AO electron-repulsion integrals (μν|λσ), flat nbf^4 or nested
 * @param coefficients MO coefficients, AO by MO (nbf x nmo); columns are orbitals
 * @param constant energy constant carried along (nuclear repulsion)
 * @example
 * const mo = transformToMO(hcore, eri, scf.coefficients, mol.nuclearRepulsion());
 */
export function transformToMO(
  hAO: MatrixLike,
  eriAO: unknown,
  coefficients: MatrixLike,
  constant = 0,
): MOIntegrals {
  checkArity(arguments.length, 4, "transformToMO");
  for (const [name, v] of [
    ["hAO", hAO],
    ["coefficients", coefficients],
  ] as const) {
    if (!(v instanceof Float64Array) && !Array.isArray(v))
      throw new ArgumentError(
        `transformToMO: ${name} must be a matrix (nested arrays or a Float64Array), got ${describe(v)}`,
      );
  }
  const nbf = hAO instanceof Float64Array ? Math.round(Math.sqrt(hAO.length)) : hAO.length;
  const h = flatten(hAO, nbf * nbf, "hAO");
  const eri = flatten(eriAO, nbf ** 4, "eriAO");
  let nmo: number;
  if (coefficients instanceof Float64Array) {
    if (coefficients.length % nbf !== 0) {
      throw new ShapeError(
        `transformToMO: coefficients of length ${coefficients.length} is not ${nbf} x nmo`,
      );
    }
    nmo = coefficients.length / nbf;
  } else nmo = coefficients[0]?.length ?? 0;
  const C = flatten(coefficients, nbf * nmo, "coefficients");

  const hmo = new Float64Array(nmo * nmo);
  const tmp = new Float64Array(nbf * nmo);
  for (let m = 0; m < nbf; m++) {
    for (let q = 0; q < nmo; q++) {
      let s = 0;
      for (let v = 0; v < nbf; v++) s += h[m * nbf + v]! * C[v * nmo + q]!;
      tmp[m * nmo + q] = s;
    }
  }
  for (let p = 0; p < nmo; p++) {
    for (let q = 0; q < nmo; q++) {
      let s = 0;
      for (let m = 0; m < nbf; m++) s += C[m * nmo + p]! * tmp[m * nmo + q]!;
      hmo[p * nmo + q] = s;
    }
  }
  // Quarter transforms, one index at a time: transform the last index, then rotate the axes.
  let cur = eri;
  const dims = [nbf, nbf, nbf, nbf];
  for (let step = 0; step < 4; step++) {
    const [a, b, c, d] = dims as [number, number, number, number];
    const next = new Float64Array(b * c * d * nmo);
    // next[j, k, l, p] = Σ_i cur[i, j, k, l] C[i, p]  (axis i becomes the last axis)
    const jkl = b * c * d;
    for (let i = 0; i < a; i++) {
      for (let x = 0; x < jkl; x++) {
        const v = cur[i * jkl + x]!;
        if (v === 0) continue;
        const o = x * nmo;
        const ci = i * nmo;
        for (let p = 0; p < nmo; p++) next[o + p] += v * C[ci + p]!;
      }
    }
    cur = next;
    dims.shift();
    dims.push(nmo);
  }
  return { nOrbitals: nmo, constant, h: hmo, eri: cur };
}

/** Options of {@link activeSpace}. */
export interface ActiveSpaceOptions {
  /** Frozen doubly occupied core orbitals (the lowest `nCore`); default 0, or from the electron counts. */
  nCore?: number;
  /** Active orbitals after the core (default: all the rest). */
  nActiveOrbitals?: number;
  /** Total electrons; with `nActiveElectrons` fixes nCore = (nElectrons - nActiveElectrons) / 2. */
  nElectrons?: number;
  /** Electrons in the active space (with `nElectrons`). */
  nActiveElectrons?: number;
}

const ACTIVE_SPACE_OPTIONS = optionKeys<ActiveSpaceOptions>({
  nCore: true,
  nActiveOrbitals: true,
  nElectrons: true,
  nActiveElectrons: true,
});

/** Active-space integrals and the orbitals they came from. */
export interface ActiveSpace {
  /** Active-space MO integrals (constant = nuclear repulsion + frozen-core energy). */
  integrals: MOIntegrals;
  /** Number of frozen core orbitals (each doubly occupied). */
  nCore: number;
  /** Indices (into the full MO list) of the active orbitals. */
  active: number[];
  /** The core energy E_core added into `integrals.constant` (without the original constant). */
  coreEnergy: number;
}

/**
 * Freezes the lowest `nCore` orbitals (doubly occupied) and keeps `nActiveOrbitals` after them:
 * E_core = Σ_i 2 h_ii + Σ_ij [2 (ii|jj) - (ij|ji)], h'_pq = h_pq + Σ_i [2 (pq|ii) - (pi|iq)]
 * (i over the core), (pq|rs) restricted to the active orbitals.
 * @example
 * // LiH: freeze Li 1s, keep 5 orbitals with 2 electrons
 * const { integrals } = activeSpace(mo, { nElectrons: 4, nActiveElectrons: 2, nActiveOrbitals: 5 });
 */
export function activeSpace(mo: MOIntegrals, options: ActiveSpaceOptions = {}): ActiveSpace {
  checkArity(arguments.length, 2, "activeSpace");
  checkOptions(options, ACTIVE_SPACE_OPTIONS, "activeSpace");
  checkMOIntegrals(mo, "activeSpace");
  const n = mo.nOrbitals;
  let nCore = options.nCore ?? 0;
  if (options.nActiveElectrons !== undefined) {
    const ne = options.nElectrons;
    if (ne === undefined) {
      throw new ArgumentError("activeSpace: nActiveElectrons needs nElectrons (the total) as well");
    }
    const diff = ne - options.nActiveElectrons;
    if (!Number.isInteger(diff) || diff < 0 || diff % 2 !== 0) {
      throw new ArgumentError(
        `activeSpace: nElectrons - nActiveElectrons must be an even number >= 0, got ${ne} - ${options.nActiveElectrons}`,
      );
    }
    if (options.nCore !== undefined && options.nCore !== diff / 2) {
      throw new ArgumentError(
        `activeSpace: nCore = ${options.nCore} contradicts the electron counts (core ${diff / 2})`,
      );
    }
    nCore = diff / 2;
  }
  if (!Number.isInteger(nCore) || nCore < 0 || nCore > n) {
    throw new ArgumentError(`activeSpace: nCore must be an integer in [0, ${n}], got ${nCore}`);
  }
  const nAct = options.nActiveOrbitals ?? n - nCore;
  if (!Number.isInteger(nAct) || nAct < 0 || nCore + nAct > n) {
    throw new ArgumentError(
      `activeSpace: nActiveOrbitals must be an integer in [0, ${n - nCore}], got ${nAct}`,
    );
  }
  const { h, eri } = mo;
  const E = (p: number, q: number, r: number, s: number): number =>
    eri[((p * n + q) * n + r) * n + s]!;
  let core = 0;
  for (let i = 0; i < nCore; i++) {
    core += 2 * h[i * n + i]!;
    for (let j = 0; j < nCore; j++) core += 2 * E(i, i, j, j) - E(i, j, j, i);
  }
  const active = Array.from({ length: nAct }, (_, k) => nCore + k);
  const ha = new Float64Array(nAct * nAct);
  for (let a = 0; a < nAct; a++) {
    for (let b = 0; b < nAct; b++) {
      const p = active[a]!;
      const q = active[b]!;
      let v = h[p * n + q]!;
      for (let i = 0; i < nCore; i++) v += 2 * E(p, q, i, i) - E(p, i, i, q);
      ha[a * nAct + b] = v;
    }
  }
  const ea = new Float64Array(nAct ** 4);
  for (let a = 0; a < nAct; a++) {
    for (let b = 0; b < nAct; b++) {
      for (let c = 0; c < nAct; c++) {
        for (let d = 0; d < nAct; d++) {
          ea[((a * nAct + b) * nAct + c) * nAct + d] = E(
            active[a]!,
            active[b]!,
            active[c]!,
            active[d]!,
          );
        }
      }
    }
  }
  return {
    integrals: { nOrbitals: nAct, constant: mo.constant + core, h: ha, eri: ea },
    nCore,
    active,
    coreEnergy: core,
  };
}

/**
 * Random real MO integrals with the symmetries of molecular ones (h symmetric, (pq|rs) 8-fold
 * symmetric and positive semidefinite as a pair matrix, a sum of squares of random symmetric
 * matrices), and orbital energies spread out so that a low-lying "aufbau" state exists. For
 * tests and benchmarks of the solvers.
 * @example
 * const ints = randomMOIntegrals(6, 7); // 6 orbitals, seed 7
 */
export function randomMOIntegrals(nOrbitals: number, seed: number | Rng = 0): MOIntegrals {
  const n = nOrbitals;
  if (!Number.isInteger(n) || n < 0)
    throw new ArgumentError(
      `randomMOIntegrals: nOrbitals must be an integer >= 0, got ${describe(n)}`,
    );
  const rng = toRng(seed);
  const h = new Float64Array(n * n);
  for (let p = 0; p < n; p++) {
    for (let q = 0; q <= p; q++) {
      const v = p === q ? -2 + 0.5 * p : 0.1 * rng.normal();
      h[p * n + q] = v;
      h[q * n + p] = v;
    }
  }
  const n2 = n * n;
  const eri = new Float64Array(n2 * n2);
  const L = new Float64Array(n2);
  for (let k = 0; k < n; k++) {
    for (let p = 0; p < n; p++) {
      for (let q = 0; q <= p; q++) {
        const x = (p === q ? 0.6 : 0.1) * rng.normal();
        L[p * n + q] = x;
        L[q * n + p] = x;
      }
    }
    for (let a = 0; a < n2; a++) for (let b = 0; b < n2; b++) eri[a * n2 + b] += L[a]! * L[b]!;
  }
  return { nOrbitals: n, constant: 0.5, h, eri };
}
