"""Toy data set: rho and sample_horn."""
import numpy as np
import pytest

import lvebm


def test_rho_at_the_ends_of_the_horn():
    np.testing.assert_allclose(lvebm.rho([0.0]), [[2.0, 1.5]])
    np.testing.assert_allclose(lvebm.rho([1.0]), [[1.5 * np.e ** 2, 2.0 * np.e ** 2]])


def test_rho_matches_the_slide_formula_in_between():
    x = np.linspace(0, 1, 7)
    expected = np.stack([1.5 * x + 2 * (1 - x), 2 * x + 1.5 * (1 - x)], axis=1) * np.exp(2 * x)[:, None]
    np.testing.assert_allclose(lvebm.rho(x), expected)


def test_sample_horn_shapes_and_x_range():
    x, y = lvebm.sample_horn(1000, np.random.default_rng(0))
    assert x.shape == (1000,) and y.shape == (1000, 2)
    assert x.min() >= 0 and x.max() <= 1
    assert abs(x.mean() - 0.5) < 4 * np.sqrt(1 / 12 / 1000)    # U(0, 1)


def test_sample_horn_at_x_0_is_the_slice():
    x, y = lvebm.sample_horn(24, np.random.default_rng(0), x=0.0)
    assert np.all(x == 0) and y.shape == (24, 2)


@pytest.mark.parametrize("x0", [0.0, 0.5, 1.0])
def test_sample_horn_radii_and_noise_std(x0):
    # For small noise, r = sqrt((y1/rho1)^2 + (y2/rho2)^2) - 1 is to first order
    # cos(theta) eps1/rho1 + sin(theta) eps2/rho2: mean 0, variance std^2/2 (1/rho1^2 + 1/rho2^2).
    n = 200_000
    _, y = lvebm.sample_horn(n, np.random.default_rng(1), x=x0)
    rho1, rho2 = lvebm.rho([x0])[0]
    r = np.hypot(y[:, 0] / rho1, y[:, 1] / rho2) - 1
    std = np.sqrt(2 * r.var() / (1 / rho1 ** 2 + 1 / rho2 ** 2))
    assert abs(std - 0.05) / 0.05 < 0.02                        # sampling error ~0.2 %
    assert abs(r.mean()) < 5 * r.std() / np.sqrt(n) + 1e-3      # radii match rho
    # and the angle is uniform: the mean of y is the centre, the second moments rho^2 / 2
    np.testing.assert_allclose(y.mean(axis=0), 0, atol=5 * max(rho1, rho2) / np.sqrt(n))
    np.testing.assert_allclose((y ** 2).mean(axis=0), [rho1 ** 2 / 2 + 0.0025, rho2 ** 2 / 2 + 0.0025],
                               rtol=0.01)


def test_sample_horn_is_reproducible_from_the_seed():
    a = lvebm.sample_horn(50, np.random.default_rng(7))
    b = lvebm.sample_horn(50, np.random.default_rng(7))
    np.testing.assert_array_equal(a[0], b[0])
    np.testing.assert_array_equal(a[1], b[1])
