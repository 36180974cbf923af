import psi4, json
from psi4.driver.p4util.fcidump import fcidump
psi4.set_memory('1 GB'); psi4.set_num_threads(1)
psi4.core.set_output_file('ref2.out', False)
psi4.geometry("0 1\nO 0.0 0.0 0.1173\nH 0.0 0.7572 -0.4692\nH 0.0 -0.7572 -0.4692\nunits angstrom\nno_reorient\nno_com\nsymmetry c1\n")
psi4.set_options({'basis':'sto-3g','scf_type':'pk','e_convergence':1e-11,'d_convergence':1e-10})
e, wfn = psi4.energy('scf', return_wfn=True)
fcidump(wfn, 'h2o-sto3g.FCIDUMP')
print(json.dumps({'scf': e}))
psi4.core.clean()
psi4.geometry("0 3\nC 0 0 0\nH 0 0.9911 0.6103\nH 0 -0.9911 0.6103\nunits angstrom\nno_reorient\nno_com\nsymmetry c1\n")
psi4.set_options({'basis':'sto-3g','reference':'uhf','scf_type':'pk','e_convergence':1e-11,'d_convergence':1e-10,'guess':'core'})
e, wfn = psi4.energy('scf', return_wfn=True)
# <S^2> of the UHF determinant from the occupied alpha/beta overlap
import numpy as np
S = np.asarray(wfn.S()); Ca = np.asarray(wfn.Ca_subset('AO','OCC')); Cb = np.asarray(wfn.Cb_subset('AO','OCC'))
na, nb = Ca.shape[1], Cb.shape[1]; sz = (na-nb)/2
O = Ca.T @ S @ Cb
print(json.dumps({'uhf': e, 's2': sz*(sz+1)+nb-np.sum(O*O)}))
