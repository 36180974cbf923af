/**
 * Coulomb and exchange matrices from a dense AO ERI array:
 * J_μν = Σ_λσ D_λσ (μν|λσ), K_μν = Σ_λσ D_λσ (μλ|νσ). Both loops read the ERI array
 * contiguously (the innermost index σ runs fastest). O(nbf^4) per build.
 */

/**
 * Adds `cj` J(D) + `ck` K(D) into `out` (nbf x nbf); D must be symmetric.
 * @example
 * F.set(H);
 * addCoulombExchange(eri, D, n, 1, -0.5, F); // closed-shell Fock matrix from the total density
 */
export function addCoulombExchange(
  eri: Float64Array,
  D: Float64Array,
  n: number,
  cj: number,
  ck: number,
  out: Float64Array,
): void {
  const n2 = n * n;
  for (let m = 0; m < n; m++) {
    for (let v = 0; v <= m; v++) {
      let j = 0;
      if (cj !== 0) {
        const base = (m * n + v) * n2;
        for (let x = 0; x < n2; x++) j += eri[base + x]! * D[x]!;
      }
      let k = 0;
      if (ck !== 0) {
        // (μλ|νσ): base (μ n + λ) n^2 + ν n
        for (let l = 0; l < n; l++) {
          const base = (m * n + l) * n2 + v * n;
          const drow = l * n;
          let s = 0;
          for (let t = 0; t < n; t++) s += eri[base + t]! * D[drow + t]!;
          k += s;
        }
      }
      const val = cj * j + ck * k;
      out[m * n + v]! += val;
      if (v !== m) out[v * n + m]! += val;
    }
  }
}

/**
 * Density C_occ C_occ^T (times `weight`) from the first `nOcc` columns of C (nbf x nmo).
 * @example
 * densityFrom(C, nbf, nmo, nOcc, 2, D); // closed-shell total density
 */
export function densityFrom(
  C: Float64Array,
  n: number,
  nmo: number,
  nOcc: number,
  weight: number,
  out: Float64Array,
): void {
  out.fill(0);
  for (let m = 0; m < n; m++) {
    for (let v = 0; v <= m; v++) {
      let s = 0;
      for (let i = 0; i < nOcc; i++) s += C[m * nmo + i]! * C[v * nmo + i]!;
      s *= weight;
      out[m * n + v] = s;
      out[v * n + m] = s;
    }
  }
}
