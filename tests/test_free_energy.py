"""LV-EBM Free Energy: the zero-temperature limit (min), the softmin, and their limits."""
import numpy as np
import pytest

import lvebm
from gradcheck import numerical_grad, rel_error

rng = np.random.default_rng(0)
BETAS = [np.inf, 10.0, 1.0, 0.1, 0.0]


def energies(n=5, scale=3.0):
    return scale * rng.uniform(0, 1, (n, 48))                  # ties have probability 0


def softmin_by_definition(E, beta):
    return -1 / beta * np.log(np.mean(np.exp(-beta * E), axis=1))


def test_min_is_the_zero_temperature_limit_with_z_check_the_argmin():
    E = energies()
    F, z_check = lvebm.min_forward(E)
    np.testing.assert_array_equal(F, E.min(axis=1))
    np.testing.assert_array_equal(z_check, E.argmin(axis=1))


def test_min_backward_sends_the_gradient_to_z_check_only():
    E = energies()
    F, cache = lvebm.min_forward(E)
    dF = rng.normal(size=F.shape)
    dE = lvebm.min_backward(dF, cache)
    assert rel_error(dE, numerical_grad(lambda v: lvebm.min_forward(v)[0], E, dF)) < 1e-7
    assert np.count_nonzero(dE) == len(E)


@pytest.mark.parametrize("beta", [0.1, 1.0, 3.2, 10.0])
def test_softmin_forward_equals_the_definition(beta):
    E = energies()
    F, _ = lvebm.softmin_forward(E, beta)
    np.testing.assert_allclose(F, softmin_by_definition(E, beta), rtol=1e-12)


@pytest.mark.parametrize("beta", [0.1, 1.0, 10.0])
def test_staged_softmin_backward_matches_finite_differences(beta):
    E = energies()
    F, cache = lvebm.softmin_forward(E, beta)
    dF = rng.normal(size=F.shape)
    dE, _ = lvebm.softmin_backward_staged(dF, cache)
    assert rel_error(dE, numerical_grad(lambda v: lvebm.softmin_forward(v, beta)[0], E, dF)) < 1e-7


@pytest.mark.parametrize("beta", [0.1, 1.0, 10.0, 1e4])
def test_the_gradient_through_the_min_shift_vanishes(beta):
    E = energies(scale=20.0)
    F, cache = lvebm.softmin_forward(E, beta)
    dF = rng.normal(size=F.shape)
    _, dm = lvebm.softmin_backward_staged(dF, cache)
    assert np.all(np.abs(dm) <= 1e-12 * np.abs(dF))


@pytest.mark.parametrize("beta", [0.1, 1.0, 10.0, 1e4])
def test_staged_and_closed_form_softmin_gradients_agree(beta):
    E = energies(scale=20.0)
    F, staged_cache = lvebm.softmin_forward(E, beta)
    _, p = lvebm.free_energy_forward(E, beta)
    dF = rng.normal(size=F.shape)
    staged, _ = lvebm.softmin_backward_staged(dF, staged_cache)
    closed = lvebm.free_energy_backward(dF, p)
    np.testing.assert_allclose(closed, staged, rtol=1e-10, atol=1e-14)


@pytest.mark.parametrize("beta", BETAS)
def test_free_energy_backward_matches_finite_differences(beta):
    E = energies()
    F, cache = lvebm.free_energy_forward(E, beta)
    dF = rng.normal(size=F.shape)
    dE = lvebm.free_energy_backward(dF, cache)
    num = numerical_grad(lambda v: lvebm.free_energy_forward(v, beta)[0], E, dF)
    assert rel_error(dE, num) < 1e-7


@pytest.mark.parametrize("beta", BETAS)
def test_softmin_weights_are_a_distribution(beta):
    _, p = lvebm.free_energy_forward(energies(), beta)
    assert np.all(p >= 0)
    np.testing.assert_allclose(p.sum(axis=1), 1, rtol=1e-12)


def test_beta_inf_is_exactly_the_min_and_beta_0_exactly_the_mean():
    E = energies()
    np.testing.assert_array_equal(lvebm.free_energy_forward(E, np.inf)[0], E.min(axis=1))
    np.testing.assert_array_equal(lvebm.free_energy_forward(E, 0.0)[0], E.mean(axis=1))


@pytest.mark.parametrize("beta", [1e3, 1e5, 1e8])
def test_large_beta_tends_to_the_min(beta):
    E = energies()
    F, p = lvebm.free_energy_forward(E, beta)
    # F_beta - min <= log(|Z|) / beta, and the weights become one-hot at z_check
    assert np.all(F - E.min(axis=1) <= np.log(48) / beta + 1e-12)
    assert np.all(F >= E.min(axis=1) - 1e-12)
    gap = np.sort(E, axis=1)[:, 1] - E.min(axis=1)
    if beta * gap.min() > 50:
        np.testing.assert_array_equal(p.argmax(axis=1), E.argmin(axis=1))
        np.testing.assert_allclose(p.max(axis=1), 1, atol=1e-12)


@pytest.mark.parametrize("beta", [1e-4, 1e-8, 1e-15])
def test_small_beta_tends_to_the_mean(beta):
    E = energies()
    F, p = lvebm.free_energy_forward(E, beta)
    # F_beta = mean - beta var / 2 + O(beta^2): the gap closes linearly in beta
    assert np.all(np.abs(F - E.mean(axis=1)) <= beta * E.var(axis=1) + 1e-13 * E.mean(axis=1))
    np.testing.assert_allclose(p, 1 / 48, rtol=10 * beta * E.max() + 1e-12)


@pytest.mark.parametrize("beta", BETAS[1:-1])
def test_softmin_lies_between_the_min_and_the_mean_and_falls_with_beta(beta):
    E = energies()
    F = lvebm.free_energy_forward(E, beta)[0]
    colder = lvebm.free_energy_forward(E, 2 * beta)[0]
    assert np.all(E.min(axis=1) <= F) and np.all(F <= E.mean(axis=1))
    assert np.all(colder <= F)


@pytest.mark.parametrize("beta", [1.0, 1e4, 1e8, np.inf])
def test_free_energy_stays_finite_for_huge_beta_and_huge_energies(beta):
    E = np.concatenate([energies(2), 1e8 + energies(2), np.full((1, 48), 1e8)])
    E[3, 0] = 0.0                                               # one row spans 0 .. 1e8
    F, p = lvebm.free_energy_forward(E, beta)
    dE = lvebm.free_energy_backward(np.ones(len(E)), p)
    assert np.all(np.isfinite(F)) and np.all(np.isfinite(dE))
    assert np.all(F >= E.min(axis=1) - 1e-6) and np.all(F <= E.mean(axis=1) + 1e-6)
