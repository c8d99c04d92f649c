"""Nothing loads for what a command does not need: ``--version`` and
``--help`` import neither the pipeline nor rich, and an HTML-only build
never imports WeasyPrint."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

PROBE = """
import sys
from builder.cli import cli
try:
    cli.main(args=sys.argv[1:], prog_name="coursepack", standalone_mode=False)
finally:
    heavy = sorted({m.split(".")[0] for m in sys.modules} & {"weasyprint", "rich", "spacy",
                   "onnxruntime", "markdown", "lxml"} | ({"pipeline"} if "builder.pipeline"
                   in sys.modules else set()))
    print("LOADED:" + ",".join(heavy))
"""


def loaded(*args: str, env: dict[str, str] | None = None) -> list[str]:
    done = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True,
                          cwd=REPO, env=env, check=False)
    line = next(x for x in done.stdout.splitlines() if x.startswith("LOADED:"))
    return [name for name in line[len("LOADED:"):].split(",") if name]


def test_version_and_help_import_nothing_heavy() -> None:
    assert loaded("--version") == []
    assert loaded("--help") == []
    assert loaded("build", "--help") == []


def test_html_build_never_imports_weasyprint(tmp_path: Path) -> None:
    import os

    env = {**os.environ, "COURSEPACK_TAGGER": "off", "COURSEPACK_SEMANTIC": "off"}
    names = loaded("build", str(REPO / "course"), "--out", str(tmp_path / "out"),
                   "--format", "html", "-q", env=env)
    assert "pipeline" in names
    assert "weasyprint" not in names
    assert (tmp_path / "out" / "site" / "index.html").is_file()


def test_the_pipeline_module_loads_no_language_model() -> None:
    """The rules (and with them lemminflect, spaCy and the similarity model) load when a
    build asks for generated material, not when the pipeline module is imported
    (62996b1 imported them at the top of pedagogy/shortfall.py: 2.2 s for every command)."""
    probe = ("import sys, builder.pipeline; print(sorted(m for m in "
             "('spacy', 'onnxruntime', 'lemminflect') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          cwd=REPO, check=True)
    assert done.stdout.strip() == "[]", done.stdout
