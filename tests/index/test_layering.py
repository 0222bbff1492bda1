"""The layers import downwards only: corpus/ and index/ never import the assistant (nor
eval), so their errors and types are theirs (index.errors, index.passages)."""

import ast

import pytest

from tests.conftest import ROOT


def _imports(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


@pytest.mark.parametrize("package", ["corpus", "index"])
def test_lower_layers_do_not_import_higher_ones(package):
    files = sorted((ROOT / package).rglob("*.py"))
    assert files
    bad = [
        f"{path.relative_to(ROOT)} imports {name}"
        for path in files
        for name in _imports(path)
        if name.split(".")[0] in {"assistant", "eval"}
    ]
    assert bad == []
