import psi4, json, sys
psi4.set_memory('1 GB'); psi4.set_num_threads(1)
psi4.core.set_output_file('psi4.out', False)
mols = {
 'h2o': "O 0.0 0.0 0.1173\nH 0.0 0.7572 -0.4692\nH 0.0 -0.7572 -0.4692",
 'nh3': "N 0.0 0.0 0.1116\nH 0.0 0.9377 -0.2605\nH 0.8121 -0.4689 -0.2605\nH -0.8121 -0.4689 -0.2605",
 'lih': "Li 0.0 0.0 0.0\nH 0.0 0.0 1.5949",
 'hf': "F 0.0 0.0 0.0\nH 0.0 0.0 0.9168",
}
def mk(geom, charge=0, mult=1):
    return psi4.geometry(f"{charge} {mult}\n{geom}\nunits angstrom\nsymmetry c1\nno_reorient\nno_com")
out = {'gradients': [], 'optimized': []}
tight = dict(scf_type='pk', e_convergence=1e-12, d_convergence=1e-10, ints_tolerance=1e-14, guess='sad')
for name, basis in [('h2o','6-31g*'),('nh3','sto-3g'),('lih','6-31g'),('hf','cc-pvdz'),('h2o','sto-3g')]:
    psi4.core.clean(); psi4.core.clean_options()
    m = mk(mols[name]); psi4.set_options(dict(tight, basis=basis, reference='rhf'))
    g, wfn = psi4.gradient('scf', return_wfn=True)
    out['gradients'].append(dict(molecule=name, basis=basis, reference='rhf', geometry=mols[name], energy=wfn.energy(), gradient=g.np.tolist()))
    print(name, basis, wfn.energy(), flush=True)
ch2 = "C 0.0 0.0 0.0\nH 0.0 0.9885 0.5964\nH 0.0 -0.9885 0.5964"
import re
txt = open('chemistry/molecules/ch2.xyz').read().split('\n')
ch2 = "\n".join(txt[2:2+int(txt[0])])
mult = int(re.search(r'multiplicity=(\d+)', txt[1]).group(1))
for ref in ['uhf','rohf']:
    psi4.core.clean(); psi4.core.clean_options()
    m = mk(ch2, 0, mult); psi4.set_options(dict(tight, basis='6-31g', reference=ref))
    g, wfn = psi4.gradient('scf', return_wfn=True)
    rec = dict(molecule='ch2', basis='6-31g', reference=ref, multiplicity=mult, geometry=ch2, energy=wfn.energy(), gradient=g.np.tolist())
    out['gradients'].append(rec); print('ch2', ref, wfn.energy(), flush=True)
for name in ['h2o','nh3','lih','hf']:
    psi4.core.clean(); psi4.core.clean_options()
    m = mk(mols[name]); psi4.set_options(dict(tight, basis='sto-3g', reference='rhf', g_convergence='gau_verytight', geom_maxiter=100))
    e = psi4.optimize('scf', molecule=m)
    geo = (m.geometry().np * 0.52917721067).tolist()
    out['optimized'].append(dict(molecule=name, basis='sto-3g', reference='rhf', start=mols[name], energy=e, symbols=[m.symbol(i) for i in range(m.natom())], geometry_angstrom=geo))
    print('opt', name, e, flush=True)
json.dump(out, open('ref.json','w'), indent=1)
