import psi4, json
psi4.set_memory('1 GB'); psi4.set_num_threads(1)
psi4.core.set_output_file('psi4-fci.out', False)
out = {'fci_gradients': [], 'fci_optimized': []}
tight = dict(scf_type='pk', e_convergence=1e-12, d_convergence=1e-10, ints_tolerance=1e-14, basis='sto-3g', **{'findif__points': 5, 'detci__r_convergence': 1e-9, 'detci__e_convergence': 1e-11})
def mk(geom):
    return psi4.geometry(f"0 1\n{geom}\nunits angstrom\nsymmetry c1\nno_reorient\nno_com")
lih = "Li 0.0 0.0 0.0\nH 0.0 0.0 1.5949"
psi4.core.clean(); psi4.core.clean_options()
m = mk(lih); psi4.set_options(tight)
g, wfn = psi4.gradient('fci', dertype=0, return_wfn=True)
out['fci_gradients'].append(dict(molecule='lih', basis='sto-3g', method='fci', geometry=lih, energy=wfn.energy(), gradient=g.np.tolist()))
print('lih fci', wfn.energy(), g.np.tolist(), flush=True)
h2 = "H 0.0 0.0 0.0\nH 0.0 0.0 0.735"
psi4.core.clean(); psi4.core.clean_options()
m = mk(h2); psi4.set_options(dict(tight, g_convergence='gau_verytight'))
e = psi4.optimize('fci', molecule=m, dertype=0)
geo = (m.geometry().np * 0.52917721067).tolist()
out['fci_optimized'].append(dict(molecule='h2', basis='sto-3g', method='fci', start=h2, energy=e, symbols=['H','H'], geometry_angstrom=geo))
print('h2 opt', e, geo, flush=True)
json.dump(out, open('fci.json','w'), indent=1)
