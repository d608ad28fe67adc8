"""Energy-Based Model - Inference: y_check = argmin_y F(x, y) by gradient descent."""
import numpy as np
import pytest

import lvebm


@pytest.fixture(scope="module")
def params():
    rng = np.random.default_rng(0)                              # a briefly trained model
    params = lvebm.init_params(rng, (16, 16))
    x, y = lvebm.sample_horn(20_000, rng)
    lvebm.train(params, x, y, rng, epochs=2)
    return params


def starts(n, seed=0):
    return np.random.default_rng(seed).uniform(-4, 4, (n, 2))


def test_inference_at_beta_inf_lands_on_the_model_ellipse(params):
    x = np.full(200, 0.3)
    y = lvebm.infer_y(params, x, starts(200))
    f, _ = lvebm.f_phi(params, x)
    np.testing.assert_allclose((y[:, 0] / f[:, 0]) ** 2 + (y[:, 1] / f[:, 1]) ** 2, 1, atol=1e-8)
    assert lvebm.free_energy(params, x, y).max() < 1e-12        # zero energy: on the manifold


def test_inference_finds_many_different_low_energy_y_for_one_x(params):
    x = np.full(200, 0.3)
    y = lvebm.infer_y(params, x, starts(200))
    distinct = np.unique(np.round(y, 6), axis=0)
    assert len(distinct) >= 20                                   # not one answer: many
    assert np.ptp(y[:, 0]) > 4 and np.ptp(y[:, 1]) > 4           # spread round the ellipse


@pytest.mark.parametrize("beta", [0.0, 1.0, 10.0, np.inf])
def test_inference_descends_the_free_energy_to_a_stationary_point(params, beta):
    x = np.full(50, 0.0)
    y0 = starts(50, seed=1)
    y, path = lvebm.infer_y(params, x, y0, beta=beta, steps=1000, lr=0.2, return_path=True)
    assert path.shape == (1001, 50, 2)
    np.testing.assert_array_equal(path[0], y0)
    np.testing.assert_array_equal(path[-1], y)
    F_path = np.array([lvebm.free_energy(params, x, p, beta) for p in path[::50]])
    assert np.all(np.diff(F_path, axis=0) <= 1e-9)               # never goes up
    _, dy0 = lvebm.free_energy_grad_y(params, x, y0, beta)
    _, dy = lvebm.free_energy_grad_y(params, x, y, beta)
    assert np.abs(dy).max() < 1e-2 * np.abs(dy0).max()          # a hundredfold flatter


def test_inference_leaves_its_start_untouched(params):
    y0 = starts(5)
    kept = y0.copy()
    lvebm.infer_y(params, np.zeros(5), y0)
    np.testing.assert_array_equal(y0, kept)
