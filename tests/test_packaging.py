"""The wheel carries every package and the default theme."""

from __future__ import annotations

import tomllib

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
