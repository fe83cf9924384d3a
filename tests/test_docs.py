"""The README cannot drift from the CLI and the quick start; the library never imports streamlit."""
from __future__ import annotations

import re
import subprocess
import sys

from snscompare.cli import make_parser


def _commands():
    p = make_parser()
    sub = next(a for a in p._actions if a.dest == "command")
    return sub.choices


def test_every_command_and_option_is_documented(root):
    readme = (root / "README.md").read_text(encoding="utf-8")
    for name, sp in _commands().items():
        assert f"`{name}" in readme, f"command {name} missing from README"
        for action in sp._actions:
            for opt in action.option_strings:
                if opt.startswith("--") and opt not in ("--help", "--format", "--output"):
                    assert opt in readme, f"option {opt} of {name} missing from README"


def test_quick_start_is_two_commands_that_exist(root):
    readme = (root / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Quick start", 1)[1].split("```bash", 1)[1].split("```", 1)[0]
    commands = [ln for ln in block.splitlines() if ln.strip() and not ln.startswith("#")]
    assert len(commands) == 2
    assert "streamlit run app.py" in commands[0] and "bash .ci/run" in commands[1]
    assert (root / "scripts/setup.sh").exists() and (root / ".ci/run").exists()
    assert "pytest" in (root / ".ci/run").read_text()


def test_library_never_imports_streamlit(root):
    """The one test of the rule: no module of snscompare/ imports streamlit, at its top or inside a
    function, and importing every one of them (the CLI included) loads no streamlit indirectly."""
    modules = sorted(p.stem for p in (root / "snscompare").glob("*.py") if p.stem != "__main__")
    for path in (root / "snscompare").rglob("*.py"):
        assert not re.search(r"^\s*(import|from)\s+streamlit", path.read_text(encoding="utf-8"), re.M), path
    code = ("import importlib, sys\n"
            f"for m in {modules!r}: importlib.import_module('snscompare.' + m if m != '__init__' else 'snscompare')\n"
            "loaded = sorted(m for m in sys.modules if m.split('.')[0] == 'streamlit')\n"
            "assert not loaded, loaded\n")
    r = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-2000:]


def test_the_readme_gives_the_proxy_configuration_that_is_tested(root):
    """The deployment section shows deploy/nginx.conf as it is: the file the browser test
    (tests/browser/test_closed_network.py) runs the dashboard through."""
    readme = (root / "README.md").read_text(encoding="utf-8")
    conf = (root / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    section = readme.split("## Deployment", 1)[1]
    assert "```nginx\n" + conf + "```" in section


def test_the_readme_states_the_limits_of_every_reader(root):
    from snscompare.readers import MAX_CHARS, MAX_UPLOAD_BYTES

    readme = (root / "README.md").read_text(encoding="utf-8")
    assert f"{MAX_CHARS:,} characters" in readme and f"{MAX_UPLOAD_BYTES // 2 ** 20} MB" in readme
