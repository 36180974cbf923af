import psi4, json, sys
psi4.set_memory('1 GB'); psi4.set_num_threads(1)
psi4.core.set_output_file('ref.out', False)
G = {
 'h2o': ("O 0.0 0.0 0.1173\nH 0.0 0.7572 -0.4692\nH 0.0 -0.7572 -0.4692", 0, 1),
 'nh3': ("N 0.0 0.0 0.1116\nH 0.0 0.9377 -0.2605\nH 0.8121 -0.4689 -0.2605\nH -0.8121 -0.4689 -0.2605", 0, 1),
 'lih': ("Li 0 0 0\nH 0 0 1.5949", 0, 1),
 'hf': ("F 0 0 0\nH 0 0 0.9168", 0, 1),
 'heh+': ("He 0 0 0\nH 0 0 0.772", 1, 1),
 'ch2': ("C 0 0 0\nH 0 0.9911 0.6103\nH 0 -0.9911 0.6103", 0, 3),
}
def mol(name):
    g, q, m = G[name]
    return psi4.geometry(f"{q} {m}\n{g}\nunits angstrom\nno_reorient\nno_com\nsymmetry c1\n")
out = []
def dip(prefix):
    return [psi4.variable(f"{prefix} DIPOLE {c}") for c in "XYZ"]
jobs = [('h2o','sto-3g','rhf','scf'),('h2o','6-31g','rhf','scf'),('nh3','sto-3g','rhf','scf'),('lih','sto-3g','rhf','scf'),
        ('hf','sto-3g','rhf','scf'),('heh+','sto-3g','rhf','scf'),('ch2','sto-3g','uhf','scf'),
        ('lih','sto-3g','rhf','fci'),('h2o','sto-3g','rhf','fci'),('hf','sto-3g','rhf','fci'),('heh+','sto-3g','rhf','fci'),('nh3','sto-3g','rhf','fci')]
for name, basis, ref, method in jobs:
    psi4.core.clean(); psi4.core.clean_variables()
    m = mol(name)
    psi4.set_options({'basis': basis, 'reference': ref, 'scf_type': 'pk', 'e_convergence': 1e-11, 'd_convergence': 1e-10,
                      'guess': 'core' if ref=='uhf' else 'auto', 'ci_maxiter': 100, 'r_convergence': 1e-9, 'puream': False})
    rec = {'name': name, 'basis': basis, 'reference': ref.upper(), 'method': method, 'atoms': G[name][0], 'charge': G[name][1], 'multiplicity': G[name][2]}
    if method == 'scf':
        e, wfn = psi4.energy('scf', return_wfn=True)
        psi4.oeprop(wfn, 'DIPOLE', title='SCF')
        rec['energy'] = e; rec['dipole_debye'] = dip('SCF')
        if ref == 'uhf':
            s2 = None
            for k in ('S2','<S^2>'):
                pass
        out.append(rec)
    else:
        e, wfn = psi4.properties('fci', properties=['dipole'], return_wfn=True)
        rec['energy'] = e
        vs = psi4.core.variables()
        rec['dipole_debye'] = [vs[k] for k in ('CI DIPOLE X','CI DIPOLE Y','CI DIPOLE Z')] if 'CI DIPOLE X' in vs else [vs.get(k) for k in sorted(vs) if 'DIPOLE' in k]
        rec['vars'] = sorted(k for k in vs if 'DIPOLE' in k)
        out.append(rec)
    print(json.dumps(rec), flush=True)
json.dump(out, open('ref.json','w'), indent=1)
