/**
 * Spin-lattice Hamiltonians as `Hamiltonian` builders, in Pauli matrices (not spin-1/2
 * operators S = sigma / 2), qubit i = site i. Terms come bond by bond (XX, YY, ZZ of one bond
 * together), then the fields site by site, so a Trotter circuit of the default term order fuses
 * each bond's rotations into one two-qubit block. Zero coefficients are left out.
 */
import { ArgumentError, describe } from "../../errors.js";
import { checkOptions } from "../../validate.js";
import { Hamiltonian } from "./hamiltonian.js";
import { type LatticeLike, toLattice } from "./lattice.js";

/** Per-axis values (x, y, z), or one number (see each option for what it means). */
export type XYZ = number | readonly [number, number, number];

/** Options of `heisenberg`. */
export interface HeisenbergOptions {
  /** Bond couplings J or (Jx, Jy, Jz) (default 1: the isotropic XXX model). */
  J?: XYZ;
  /** Field on every site: a number for a Z field, or (hx, hy, hz) (default 0). */
  h?: XYZ;
}

/**
 * The Heisenberg XYZ model with fields:
 * H = sum_bonds (Jx X_i X_j + Jy Y_i Y_j + Jz Z_i Z_j) + sum_sites (hx X_i + hy Y_i + hz Z_i).
 * @example
 * heisenberg(chainLattice(4)); // XXX chain: X0 X1 + Y0 Y1 + Z0 Z1 + ...
 * heisenberg(gridLattice(2, 2), { J: [1, 0.5, 0.2], h: [0, 0, 0.3] });
 */
export function heisenberg(lattice: LatticeLike, options: HeisenbergOptions = {}): Hamiltonian {
  const fn = "heisenberg";
  checkOptions(options, ["J", "h"], fn);
  const l = toLattice(lattice, fn);
  const [jx, jy, jz] = xyz(options.J ?? 1, `${fn}: options.J`);
  const field = options.h ?? 0;
  const [hx, hy, hz] =
    typeof field === "number"
      ? [0, 0, real(field, `${fn}: options.h`)]
      : xyz(field, `${fn}: options.h`);
  const list: [number, string][] = [];
  for (const [i, j] of l.edges) {
    push(list, jx, `X${i} X${j}`);
    push(list, jy, `Y${i} Y${j}`);
    push(list, jz, `Z${i} Z${j}`);
  }
  fields(list, l.nSites, hx, hy, hz);
  return new Hamiltonian(list, { nQubits: l.nSites });
}

/** Options of `heisenbergXXZ`. */
export interface XXZOptions {
  /** In-plane coupling J (default 1). */
  J?: number;
  /** Anisotropy: the ZZ coupling is J * delta (default 1). */
  delta?: number;
  /** Longitudinal field h on Z (default 0). */
  h?: number;
}

/**
 * The XXZ model: H = J sum_bonds (X_i X_j + Y_i Y_j + delta Z_i Z_j) + h sum_sites Z_i.
 * @example
 * heisenbergXXZ(ringLattice(6), { delta: 0.5, h: 0.1 });
 */
export function heisenbergXXZ(lattice: LatticeLike, options: XXZOptions = {}): Hamiltonian {
  const fn = "heisenbergXXZ";
  checkOptions(options, ["J", "delta", "h"], fn);
  const J = real(options.J ?? 1, `${fn}: options.J`);
  const delta = real(options.delta ?? 1, `${fn}: options.delta`);
  const h = real(options.h ?? 0, `${fn}: options.h`);
  return heisenberg(toLattice(lattice, fn), { J: [J, J, J * delta], h: [0, 0, h] });
}

/** Options of `transverseFieldIsing`. */
export interface IsingOptions {
  /** Ferromagnetic coupling J (default 1). */
  J?: number;
  /** Transverse field h on X (default 1). */
  h?: number;
  /** Longitudinal field hz on Z (default 0). */
  hz?: number;
}

/**
 * The Ising model in transverse and longitudinal fields:
 * H = -J sum_bonds Z_i Z_j - h sum_sites X_i - hz sum_sites Z_i.
 * @example
 * transverseFieldIsing(ringLattice(8), { J: 1, h: 0.5 });
 */
export function transverseFieldIsing(
  lattice: LatticeLike,
  options: IsingOptions = {},
): Hamiltonian {
  const fn = "transverseFieldIsing";
  checkOptions(options, ["J", "h", "hz"], fn);
  const l = toLattice(lattice, fn);
  const J = real(options.J ?? 1, `${fn}: options.J`);
  const h = real(options.h ?? 1, `${fn}: options.h`);
  const hz = real(options.hz ?? 0, `${fn}: options.hz`);
  const list: [number, string][] = [];
  for (const [i, j] of l.edges) push(list, -J, `Z${i} Z${j}`);
  fields(list, l.nSites, -h, 0, -hz);
  return new Hamiltonian(list, { nQubits: l.nSites });
}

function fields(list: [number, string][], n: number, hx: number, hy: number, hz: number): void {
  for (let i = 0; i < n; i++) {
    push(list, hx, `X${i}`);
    push(list, hy, `Y${i}`);
    push(list, hz, `Z${i}`);
  }
}

function push(list: [number, string][], c: number, pauli: string): void {
  if (c !== 0) list.push([c, pauli]);
}

function real(v: unknown, what: string): number {
  if (typeof v !== "number" || !Number.isFinite(v))
    throw new ArgumentError(`${what} must be a finite real number, got ${describe(v)}`);
  return v;
}

function xyz(v: XYZ, what: string): [number, number, number] {
  if (typeof v === "number") {
    const x = real(v, what);
    return [x, x, x];
  }
  if (!Array.isArray(v) || v.length !== 3)
    throw new ArgumentError(`${what} must be a number or [x, y, z], got ${describe(v)}`);
  return [real(v[0], `${what}[0]`), real(v[1], `${what}[1]`), real(v[2], `${what}[2]`)];
}
