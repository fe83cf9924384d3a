"""Running a command without the right to read or write other people's files.

CI runs as root, and root reads and writes anything: a test of "permission denied"
would always pass or always be skipped.  Root's power over file permissions is two
capabilities (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH); a child process started without
them in its bounding set keeps root's identity (so it still reaches the interpreter
and the project) but meets file permissions as their owner would: a file of mode 000
cannot be read, a directory of mode 555 cannot be written.
"""
from __future__ import annotations

import ctypes
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_PR_CAPBSET_DROP = 24
_DAC_CAPABILITIES = (1, 2)  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH


def _drop_file_capabilities() -> None:  # runs in the child, between fork and exec
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in _DAC_CAPABILITIES:
        if libc.prctl(_PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def run_unprivileged(args: list[str], env: dict | None = None) -> subprocess.CompletedProcess:
    """``python args…`` from the project (``env`` added to the environment), without
    root's power over file permissions (as any user other than root, it runs as it is)."""
    preexec = _drop_file_capabilities if os.name == "posix" and os.geteuid() == 0 else None
    return subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True, timeout=300,
                          preexec_fn=preexec, env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})})
