/**
 * Lattices for the spin and fermion models: sites 0..nSites-1 (site i is qubit i, or spin
 * orbitals 2i and 2i + 1 for fermions) and their nearest-neighbour bonds. Chains and rings in
 * 1-D, rectangular grids in 2-D (site (r, c) is r * cols + c), open or periodic boundaries, or any
 * graph given by its edges. A periodic wrap that would repeat an existing bond (a dimension of
 * length 2) or join a site to itself (length 1) is left out, so every bond appears once.
 */
import { ArgumentError, describe } from "../../errors.js";
import { checkOptions } from "../../validate.js";

/** A lattice: its sites and nearest-neighbour bonds. */
export interface Lattice {
  /** "chain", "ring", "grid" or "custom". */
  readonly kind: "chain" | "ring" | "grid" | "custom";
  /** Number of sites. */
  readonly nSites: number;
  /** The bonds as site pairs, each once. */
  readonly edges: readonly (readonly [number, number])[];
  /** Sites per dimension ([n] for 1-D, [rows, cols] for grids, [nSites] for custom). */
  readonly shape: readonly number[];
  /** Whether each dimension wraps around. */
  readonly periodic: readonly boolean[];
}

/** A lattice, or a site count for an open chain. */
export type LatticeLike = Lattice | number;

/**
 * A 1-D chain of `n` sites with bonds (i, i + 1); `periodic: true` adds (n - 1, 0) (n >= 3).
 * @example
 * chainLattice(4).edges; // [[0, 1], [1, 2], [2, 3]]
 */
export function chainLattice(n: number, options: { periodic?: boolean } = {}): Lattice {
  checkOptions(options, ["periodic"], "chainLattice");
  const sites = checkSize(n, "chainLattice: n");
  const periodic = checkFlag(options.periodic, "chainLattice: options.periodic");
  const edges: [number, number][] = [];
  for (let i = 0; i + 1 < sites; i++) edges.push([i, i + 1]);
  if (periodic && sites >= 3) edges.push([sites - 1, 0]);
  return freeze({ kind: "chain", nSites: sites, edges, shape: [sites], periodic: [periodic] });
}

/**
 * A ring: the periodic chain of `n >= 3` sites.
 * @example
 * ringLattice(3).edges; // [[0, 1], [1, 2], [2, 0]]
 */
export function ringLattice(n: number): Lattice {
  const sites = checkSize(n, "ringLattice: n");
  if (sites < 3)
    throw new ArgumentError(`ringLattice: a ring needs at least 3 sites, got ${describe(n)}`);
  return { ...chainLattice(sites, { periodic: true }), kind: "ring" };
}

/**
 * A `rows` x `cols` square grid, site (r, c) = r * cols + c, bonds to the right and downward
 * neighbours; `periodic` wraps both dimensions, or each as given by `[rowsWrap, colsWrap]`
 * (`rowsWrap` joins the last row to the first).
 * @example
 * gridLattice(2, 3).edges.length; // 7
 * gridLattice(3, 3, { periodic: true }).edges.length; // 18 (a torus)
 */
export function gridLattice(
  rows: number,
  cols: number,
  options: { periodic?: boolean | readonly [boolean, boolean] } = {},
): Lattice {
  checkOptions(options, ["periodic"], "gridLattice");
  const nr = checkSize(rows, "gridLattice: rows");
  const nc = checkSize(cols, "gridLattice: cols");
  const p = options.periodic ?? false;
  let wrap: [boolean, boolean];
  if (Array.isArray(p) && p.length === 2)
    wrap = [
      checkFlag(p[0], "gridLattice: periodic[0]"),
      checkFlag(p[1], "gridLattice: periodic[1]"),
    ];
  else if (typeof p === "boolean") wrap = [p, p];
  else {
    throw new ArgumentError(
      `gridLattice: options.periodic must be true, false or [rowsWrap, colsWrap], got ${describe(p)}`,
    );
  }
  const site = (r: number, c: number): number => r * nc + c;
  const edges: [number, number][] = [];
  for (let r = 0; r < nr; r++) {
    for (let c = 0; c < nc; c++) {
      if (c + 1 < nc) edges.push([site(r, c), site(r, c + 1)]);
      else if (wrap[1] && nc >= 3) edges.push([site(r, c), site(r, 0)]);
      if (r + 1 < nr) edges.push([site(r, c), site(r + 1, c)]);
      else if (wrap[0] && nr >= 3) edges.push([site(r, c), site(0, c)]);
    }
  }
  return freeze({ kind: "grid", nSites: nr * nc, edges, shape: [nr, nc], periodic: wrap });
}

/**
 * Any graph as a lattice: `nSites` sites and the bonds `edges` (distinct sites, each bond once).
 * @example
 * customLattice(3, [[0, 1], [0, 2]]); // a star
 */
export function customLattice(nSites: number, edges: readonly (readonly number[])[]): Lattice {
  const n = checkSize(nSites, "customLattice: nSites");
  if (!Array.isArray(edges))
    throw new ArgumentError(
      `customLattice: edges must be an array of [i, j] pairs, got ${describe(edges)}`,
    );
  const seen = new Set<string>();
  const out: [number, number][] = edges.map((e, k) => {
    const ok =
      Array.isArray(e) &&
      e.length === 2 &&
      e.every((s) => Number.isInteger(s) && s >= 0 && s < n) &&
      e[0] !== e[1];
    if (!ok) {
      throw new ArgumentError(
        `customLattice: edges[${k}] = ${describe(e)} must be two distinct sites in 0..${n - 1}`,
      );
    }
    const key = `${Math.min(e[0]!, e[1]!)},${Math.max(e[0]!, e[1]!)}`;
    if (seen.has(key)) throw new ArgumentError(`customLattice: edge ${describe(e)} appears twice`);
    seen.add(key);
    return [e[0]!, e[1]!];
  });
  return freeze({ kind: "custom", nSites: n, edges: out, shape: [n], periodic: [false] });
}

/**
 * The lattice of a `LatticeLike` (a number is an open chain of that many sites), checked.
 * @example
 * toLattice(4).kind; // "chain"
 */
export function toLattice(lattice: LatticeLike, fn: string): Lattice {
  if (typeof lattice === "number") return chainLattice(lattice);
  const l = lattice as Partial<Lattice> | null;
  if (
    l === null ||
    typeof l !== "object" ||
    !Number.isInteger(l.nSites) ||
    !Array.isArray(l.edges)
  ) {
    throw new ArgumentError(
      `${fn}: lattice must be a Lattice (chainLattice, ringLattice, gridLattice, customLattice) or a site count, got ${describe(lattice)}`,
    );
  }
  return lattice;
}

function checkSize(n: unknown, what: string): number {
  if (typeof n !== "number" || !Number.isInteger(n) || n < 1)
    throw new ArgumentError(`${what} must be a positive integer, got ${describe(n)}`);
  return n;
}

function checkFlag(v: unknown, what: string): boolean {
  if (v === undefined) return false;
  if (typeof v !== "boolean")
    throw new ArgumentError(`${what} must be true or false, got ${describe(v)}`);
  return v;
}

function freeze(l: Lattice): Lattice {
  return Object.freeze({
    ...l,
    edges: Object.freeze(l.edges.map((e) => Object.freeze([e[0], e[1]] as const))),
    shape: Object.freeze([...l.shape]),
    periodic: Object.freeze([...l.periodic]),
  });
}
