"""Training: the loss L = mean F, its gradients, the optimisers and the loop."""
import numpy as np
import pytest

import lvebm
from gradcheck import numerical_grad, rel_error

BETAS = [np.inf, 10.0, 1.0, 0.1, 0.0]


def small_problem(seed=0, n=12, hidden=(16, 16)):
    rng = np.random.default_rng(seed)
    params = lvebm.init_params(rng, hidden)
    x, y = lvebm.sample_horn(n, rng)
    return params, x, y


@pytest.mark.parametrize("beta", BETAS)
def test_loss_and_grads_match_finite_differences(beta):
    params, x, y = small_problem()
    loss, grads = lvebm.loss_and_grads(params, x, y, beta)
    assert grads.keys() == params.keys()
    for k in params:
        num = numerical_grad(lambda _: lvebm.loss_and_grads(params, x, y, beta)[0], params[k], 1.0)
        assert rel_error(grads[k], num) < 1e-7, k


@pytest.mark.parametrize("beta", BETAS)
def test_loss_is_the_mean_free_energy(beta):
    params, x, y = small_problem()
    loss, _ = lvebm.loss_and_grads(params, x, y, beta)
    assert loss == pytest.approx(lvebm.free_energy(params, x, y, beta).mean(), rel=1e-12)


@pytest.mark.parametrize("beta", BETAS)
def test_free_energy_grad_y_matches_finite_differences(beta):
    params, x, y = small_problem()
    F, dy = lvebm.free_energy_grad_y(params, x, y, beta)
    np.testing.assert_allclose(F, lvebm.free_energy(params, x, y, beta), rtol=1e-12)
    num = numerical_grad(lambda v: lvebm.free_energy(params, x, v, beta), y, np.ones(len(y)))
    assert rel_error(dy, num) < 1e-7


def test_free_energy_streams_in_chunks_with_the_same_result(monkeypatch):
    params, x, y = small_problem(n=50)
    whole = lvebm.free_energy(params, x, y)
    monkeypatch.setattr(lvebm, "CHUNK", 7)
    np.testing.assert_array_equal(lvebm.free_energy(params, x, y), whole)


def test_sgd_step_moves_against_the_gradient():
    params, x, y = small_problem()
    before = {k: v.copy() for k, v in params.items()}
    _, grads = lvebm.loss_and_grads(params, x, y)
    lvebm.sgd_step(params, grads, lr=0.1)
    for k in params:
        np.testing.assert_allclose(params[k], before[k] - 0.1 * grads[k])


def test_adam_first_step_moves_each_parameter_by_lr_against_its_gradient_sign():
    params, x, y = small_problem()
    before = {k: v.copy() for k, v in params.items()}
    _, grads = lvebm.loss_and_grads(params, x, y)
    state = {}
    lvebm.adam_step(params, grads, state, lr=1e-3)
    for k in params:
        moved = params[k] - before[k]
        big = np.abs(grads[k]) > 1e-4                           # where eps is negligible
        np.testing.assert_allclose(moved[big], -1e-3 * np.sign(grads[k][big]), rtol=1e-3)
    assert state["t"] == 1


def test_training_lowers_the_loss_and_recovers_rho():
    rng = np.random.default_rng(0)
    params = lvebm.init_params(rng)
    x, y = lvebm.sample_horn(50_000, rng)
    history = lvebm.train(params, x, y, rng, epochs=4)
    assert len(history) == 4 and history[-1] < 0.1 * history[0]
    err = lvebm.recovery_error(params)
    assert err.max() < 0.03 and err.mean() < 0.005                # 0.5 s of training


def test_training_on_the_x_0_slice_recovers_the_ellipse_radii():
    rng = np.random.default_rng(1)
    params = lvebm.init_params(rng, (8, 8))
    x, y = lvebm.sample_horn(5000, rng, x=0.0)
    lvebm.train(params, x, y, rng, epochs=10)
    f, _ = lvebm.f_phi(params, [0.0])
    np.testing.assert_allclose(np.abs(f[0]), [2.0, 1.5], rtol=0.01)


def test_a_nan_loss_stops_training_before_the_bad_step():
    params, x, y = small_problem()
    with pytest.raises(FloatingPointError, match="diverged"):
        lvebm.train(params, x, y, np.random.default_rng(0), optimizer="sgd", lr=1e30, epochs=5)


def test_training_is_deterministic_for_a_seed():
    runs = []
    for _ in range(2):
        params, x, y = small_problem(seed=3, n=200)
        lvebm.train(params, x, y, np.random.default_rng(3), epochs=2, batch_size=32)
        runs.append(params)
    for k in runs[0]:
        np.testing.assert_array_equal(runs[0][k], runs[1][k])


def test_free_energy_memory_is_bounded_by_the_chunk_not_by_N():
    import tracemalloc
    params = lvebm.init_params(np.random.default_rng(0))
    peaks = []
    for n in (20_000, 400_000):
        x, y = lvebm.sample_horn(n, np.random.default_rng(1))
        tracemalloc.start()
        lvebm.free_energy(params, x, y)
        peaks.append(tracemalloc.get_traced_memory()[1] - 8 * n)  # less the (N,) result
        tracemalloc.stop()
    assert peaks[1] < 1.2 * peaks[0] and peaks[1] < 60e6         # 20x the points, same memory
