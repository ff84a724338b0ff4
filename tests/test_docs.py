"""The docs stay true to the code: the module map names every module."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "newstrace"


def test_the_module_map_names_every_module() -> None:
    text = (ROOT / "docs" / "modules.md").read_text(encoding="utf-8")
    missing = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if path.name == "__init__.py" and path.parent != PACKAGE:
            relative = path.parent.relative_to(PACKAGE).as_posix() + "/"
        elif path.name == "__init__.py":
            continue
        # a module inside a package may be named by the package's folder and its own name
        folder = path.parent.relative_to(PACKAGE).as_posix() + "/"
        named_in_folder = folder != "./" and folder in text and (
            f"`{path.stem}`" in text or f"`{path.name}`" in text)
        if relative not in text and relative.removesuffix(".py") not in text \
                and not named_in_folder:
            missing.append(relative)
    assert not missing, f"docs/modules.md does not name: {missing}"
