"""train.py: the command line, its scores, its checkpoint and its errors."""
import os
import re
import subprocess
import sys

import numpy as np
import pytest

import lvebm

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def train_py(*args):
    return subprocess.run([sys.executable, "train.py", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


SMALL = ("--n-train", "3000", "--epochs", "2")


def test_defaults_meet_the_recovery_and_held_out_targets(tmp_path):
    out = tmp_path / "model.npz"
    run = train_py("--out", str(out))
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert sum(line.startswith("epoch") for line in lines) == 10   # a progress line per epoch
    worst, mean = map(float, re.search(r"max ([\d.]+) %, mean ([\d.]+) %", run.stdout).groups())
    assert worst <= 1.0 and mean <= 0.4                          # SPEC section 5, seed 0
    ratio = float(re.search(r"ratio ([\d.]+)", run.stdout).group(1))
    assert abs(ratio - 1) <= 0.05                                # held-out F_inf vs the oracle
    assert re.search(r"wall time [\d.]+ s", run.stdout)
    assert lines[-1] == f"checkpoint {out}"
    params, meta = lvebm.load_params(out)
    err = lvebm.recovery_error(params)
    assert 100 * err.max() == pytest.approx(worst, abs=0.005)
    assert len(meta["loss_history"]) == len(meta["score_max_history"]) == 10


def test_the_same_seed_gives_a_bit_identical_checkpoint(tmp_path):
    for name in ("a.npz", "b.npz"):
        assert train_py(*SMALL, "--seed", "4", "--out", str(tmp_path / name)).returncode == 0
    assert (tmp_path / "a.npz").read_bytes() == (tmp_path / "b.npz").read_bytes()
    assert train_py(*SMALL, "--seed", "5", "--out", str(tmp_path / "c.npz")).returncode == 0
    assert (tmp_path / "a.npz").read_bytes() != (tmp_path / "c.npz").read_bytes()


def test_the_slice_switch_trains_on_x_0_and_scores_there(tmp_path):
    run = train_py("--slice", "--n-train", "5000", "--hidden", "8,8", "--out", str(tmp_path / "s.npz"))
    assert run.returncode == 0, run.stderr
    assert "the x = 0 slice" in run.stdout and "on x = 0:" in run.stdout
    worst = float(re.search(r"max ([\d.]+) %", run.stdout.splitlines()[-4]).group(1))
    assert worst <= 1.0


@pytest.mark.parametrize("args, match", [
    (("--beta", "-1"), "argument --beta: must be >= 0"),
    (("--beta", "nan"), "argument --beta: must be >= 0"),
    (("--lr", "0"), "argument --lr: must be a finite number > 0"),
    (("--lr", "nan"), "argument --lr: must be a finite number > 0"),
    (("--epochs", "1.5"), "argument --epochs: must be a whole number"),
    (("--hidden", "8,,8"), "argument --hidden: must be widths"),
    (("--seed", "-2"), "argument --seed: must be a whole number >= 0"),
    (("--optimizer", "lbfgs"), "argument --optimizer: invalid choice"),
    (("--no-such-flag",), "unrecognized arguments: --no-such-flag"),
    (("--model", "gan"), "argument --model: invalid choice"),
    (("--beta", "1", "--beta-schedule", "1,inf"), "not allowed with argument --beta"),
    (("--beta-schedule", "1,-1"), "argument --beta-schedule: must be >= 0"),
    (("--beta-schedule", "0.1,1,inf", "--epochs", "2"), "3 betas for 2 epochs"),
])
def test_a_bad_argument_gets_one_line_and_exit_status_2(args, match):
    run = train_py(*args)
    assert run.returncode == 2
    assert run.stdout == "" and len(run.stderr.strip().splitlines()) == 1
    assert match in run.stderr


def test_a_diverging_run_stops_and_leaves_the_good_checkpoint(tmp_path):
    out = tmp_path / "model.npz"
    assert train_py(*SMALL, "--out", str(out)).returncode == 0
    good = out.read_bytes()
    run = train_py(*SMALL, "--optimizer", "sgd", "--lr", "1e30", "--out", str(out))
    assert run.returncode == 1
    assert "diverged" in run.stderr and "untouched" in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1
    assert out.read_bytes() == good


def test_the_feed_forward_baseline_finds_the_compromise(tmp_path):
    out = tmp_path / "ff.npz"
    run = train_py("--model", "ff", "--n-train", "20000", "--epochs", "3", "--out", str(out))
    assert run.returncode == 0, run.stderr
    assert "feed-forward baseline" in run.stdout
    worst = float(re.search(r"prediction norm / norm of rho\(x\) .*: max ([\d.]+)", run.stdout).group(1))
    assert worst <= 0.1
    ratio = float(re.search(r"ratio ([\d.]+)", run.stdout).group(1))
    assert ratio > 100                                            # far above the LV-EBM's ~1
    assert lvebm.load_params(out)[1]["model"] == "ff"


def test_a_beta_schedule_anneals_warm_to_cold_one_run_of_epochs_per_beta(tmp_path):
    run = train_py("--beta-schedule", "0.3,3.2,inf", "--n-train", "20000", "--epochs", "4",
                   "--out", str(tmp_path / "a.npz"))
    assert run.returncode == 0, run.stderr
    per_epoch = re.findall(r"epoch +\d+/4  beta (\S+)", run.stdout)
    assert per_epoch == ["0.3", "0.3", "3.2", "inf"]
    meta = lvebm.load_params(tmp_path / "a.npz")[1]
    assert meta["beta_schedule"] == [0.3, 3.2, np.inf] and meta["beta"] == np.inf


def test_help_documents_every_flag():
    run = train_py("--help")
    assert run.returncode == 0
    for flag in ("--model", "--beta-schedule", "--beta", "--epochs", "--batch-size", "--lr", "--optimizer", "--hidden",
                 "--n-train", "--seed", "--slice", "--out"):
        assert flag in run.stdout
