#!/usr/bin/python3
# bench-train.py — the truncated gradient, hand-vectorised with numpy
#
# Copyright 2026 The Elman developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The comparison with numpy: one epoch of the truncated gradient at
# n = 100 000, T = 16, K = 4, J = 64 (biases on, float64), written the way
# one would in numpy: the input products for all windows at once (the
# windows are a strided view of the series, no copy), the recurrence as the
# only Python loop, then every gradient product as one matrix product.
# PyTorch is not installable on this machine (no PyPI access, no Debian
# package), so there is no autograd BPTT figure.

import sys
import time

try:
    import numpy as np
    from numpy.lib.stride_tricks import sliding_window_view
except ImportError:
    print("# numpy is not installed (Debian: python3-numpy); no comparison")
    sys.exit(0)


def truncated_epoch(u, T, K, W, U, V, b, c):
    """Loss ½Σ‖ŷ−y‖² and the truncated gradient (dW, dU, dV, db, dc)."""
    N = len(u) - T - K + 1
    J = W.shape[0]
    X = sliding_window_view(u, T)[:N]            # N × T, x^t
    Y = sliding_window_view(u[T:], K)[:N]        # N × K, y^t
    A = X @ U.T + b                              # U x^t + b, all windows
    H = np.empty((N + 1, J))                     # H[t] = h^{t−1}, H[0] = 0
    H[0] = 0.0
    for t in range(N):                           # h^t = σ(W h^{t−1} + U x^t + b)
        H[t + 1] = 1.0 / (1.0 + np.exp(-(A[t] + W @ H[t])))
    Hc, Hp = H[1:], H[:-1]
    E = Hc @ V.T + c - Y                         # e^t = ŷ^t − y^t
    loss = 0.5 * np.einsum("ij,ij->", E, E)
    D = (E @ V) * Hc * (1.0 - Hc)                # δ^t = (Vᵀe^t) ⊙ h^t ⊙ (1 − h^t)
    return loss, (D.T @ Hp, D.T @ X, E.T @ Hc, D.sum(axis=0), E.sum(axis=0))


def per_window(u, T, K, W, U, V, b, c):
    """The same gradient, one window at a time, to check the vector code."""
    N = len(u) - T - K + 1
    J = W.shape[0]
    h = np.zeros(J)
    dW, dU, dV = np.zeros_like(W), np.zeros_like(U), np.zeros_like(V)
    db, dc, loss = np.zeros(J), np.zeros(K), 0.0
    for t in range(N):
        x, y = u[t:t + T], u[t + T:t + T + K]
        h_prev = h
        h = 1.0 / (1.0 + np.exp(-(W @ h_prev + U @ x + b)))
        e = V @ h + c - y
        loss += 0.5 * e @ e
        d = (V.T @ e) * h * (1.0 - h)
        dW += np.outer(d, h_prev)
        dU += np.outer(d, x)
        dV += np.outer(e, h)
        db += d
        dc += e
    return loss, (dW, dU, dV, db, dc)


def glorot(rng, rows, cols):
    limit = np.sqrt(6.0 / (rows + cols))
    return rng.uniform(-limit, limit, size=(rows, cols))


def main():
    rng = np.random.default_rng(1)
    T, K = 16, 4

    # Check against the per-window loop on a small problem first.
    J = 7
    u = np.sin(np.arange(300) * 0.05) + 0.1 * rng.random(300)
    W, U, V = glorot(rng, J, J), glorot(rng, J, T), glorot(rng, K, J)
    b, c = 0.1 * rng.random(J), 0.1 * rng.random(K)
    l1, g1 = truncated_epoch(u, T, K, W, U, V, b, c)
    l2, g2 = per_window(u, T, K, W, U, V, b, c)
    err = max(np.abs(a - b_).max() / np.abs(b_).max() for a, b_ in zip(g1, g2))
    assert abs(l1 - l2) <= 1e-12 * l2 and err < 1e-12, (l1, l2, err)

    n, J = 100000, 64
    u = np.sin(np.arange(n) * 0.01) + 0.1 * rng.random(n)
    W, U, V = glorot(rng, J, J), glorot(rng, J, T), glorot(rng, K, J)
    b, c = np.zeros(J), np.zeros(K)
    N = n - T - K + 1
    flops = N * (4 * J * T + 4 * J * J + 6 * K * J + 7 * J + 3 * K)
    best = best_cpu = float("inf")
    for _ in range(3):
        start, cpu = time.perf_counter(), time.process_time()
        truncated_epoch(u, T, K, W, U, V, b, c)
        best = min(best, time.perf_counter() - start)
        best_cpu = min(best_cpu, time.process_time() - cpu)
    print(f"# numpy {np.__version__}, hand-vectorised truncated gradient "
          f"(checked against a per-window loop: {err:.1e})")
    print(f"numpy      truncated J = {J}: {best:.3f} s/epoch, {N / best:.3g} window-steps/s, "
          f"{flops / best / 1e9:.2f} GFLOP/s (best of 3; CPU {best_cpu:.3f} s)")
    print("# PyTorch: not installable here (no PyPI, no Debian package): no autograd BPTT figure")


if __name__ == "__main__":
    main()
