"""LV-EBM Energy function: E(x, y, z) = ||y - f_phi(x) (.) g(z)||^2."""
import numpy as np

import lvebm
from gradcheck import numerical_grad, rel_error

rng = np.random.default_rng(0)


def test_energy_is_the_plain_sum_of_squares_for_each_z():
    y, f = rng.normal(size=(3, 2)), rng.normal(size=(3, 2))
    E, _ = lvebm.energy(y, f)
    assert E.shape == (3, 48)
    for n in range(3):
        for k, z in enumerate(lvebm.Z):
            expected = (y[n, 0] - f[n, 0] * np.cos(z)) ** 2 + (y[n, 1] - f[n, 1] * np.sin(z)) ** 2
            assert abs(E[n, k] - expected) < 1e-12


def test_energy_is_zero_on_the_model_manifold():
    f = np.array([[2.0, 1.5]])
    y = f * lvebm.g(lvebm.Z[[5]]).T                            # the point y_tilde(z_5)
    E, _ = lvebm.energy(y, f)
    assert E[0, 5] < 1e-24 and E[0].argmin() == 5


def test_energy_backward_matches_finite_differences_for_y_and_f():
    y, f = 3 * rng.normal(size=(4, 2)), 3 * rng.normal(size=(4, 2))
    E, cache = lvebm.energy(y, f)
    dE = rng.normal(size=E.shape)
    dy, df = lvebm.energy_backward(dE, cache)
    assert rel_error(dy, numerical_grad(lambda v: lvebm.energy(v, f)[0], y, dE)) < 1e-7
    assert rel_error(df, numerical_grad(lambda v: lvebm.energy(y, v)[0], f, dE)) < 1e-7


def test_energy_backward_is_the_slide_formula():
    # dE/dy = 2 (y - y_tilde), dE/df_i = -2 (y_i - f_i g_i(z)) g_i(z), for a one-hot dE
    y, f = rng.normal(size=(1, 2)), rng.normal(size=(1, 2))
    _, cache = lvebm.energy(y, f)
    dE = np.zeros((1, 48))
    dE[0, 7] = 1
    dy, df = lvebm.energy_backward(dE, cache)
    g7 = lvebm.G[:, 7]
    np.testing.assert_allclose(dy[0], 2 * (y[0] - f[0] * g7))
    np.testing.assert_allclose(df[0], -2 * (y[0] - f[0] * g7) * g7)
