"""study.py: the temperature study and the baseline, as a table and a figure."""
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def test_study_prints_a_row_per_run_and_draws_the_manifolds(tmp_path):
    run = subprocess.run([sys.executable, "study.py", "--epochs", "6", "--n-train", "1000",
                          "--ckpt-dir", str(tmp_path / "ckpt"), "--out", str(tmp_path / "figs")],
                         cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    rows = [line for line in run.stdout.splitlines() if line.startswith("| LV-EBM")
            or line.startswith("| feed-forward")]
    assert len(rows) == 9                                        # 7 betas, annealed, baseline
    assert any("beta = inf" in row for row in rows) and any("annealed" in row for row in rows)
    beta0 = next(row for row in rows if "beta = 0 |" in row)
    mean_ratio = float(beta0.split("|")[4])
    assert mean_ratio < 0.1                                      # the hot limit collapses f
    png = tmp_path / "figs" / "temperature_study.png"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_study_rejects_a_bad_argument_in_one_line():
    run = subprocess.run([sys.executable, "study.py", "--epochs", "5"], cwd=ROOT,
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 2 and len(run.stderr.strip().splitlines()) == 1
    assert "argument --epochs: must be a whole number >= 6" in run.stderr
