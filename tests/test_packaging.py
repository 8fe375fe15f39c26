"""One dependency list (pyproject.toml) mirrored by environment.yml; README and CI agree."""

from __future__ import annotations

import re
import tomllib

import yaml

from conftest import ROOT


def _requirement(text: str) -> tuple[str, str]:
    match = re.fullmatch(r"\s*([A-Za-z0-9_.\-]+)\s*(.*?)\s*", text)
    return match[1].lower().replace("_", "-"), match[2].replace(" ", "")


def test_environment_yml_mirrors_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = [r for group in project["optional-dependencies"].values() for r in group]
    wanted = dict(map(_requirement, project["dependencies"] + extras))
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    conda = dict(_requirement(d) for d in env["dependencies"] if isinstance(d, str))
    python = conda.pop("python")
    pip = conda.pop("pip")
    assert conda == wanted
    assert python == project["requires-python"] and pip == ""
    assert [d for d in env["dependencies"] if isinstance(d, dict)] == [{"pip": ["-e ."]}]


def readme_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```(?:bash|sh)?\n(.*?)```", readme, re.S)
    # the README opens with the commands: only the title may come before them
    assert readme[: block.start()].strip().count("\n") == 0
    return [line for line in block[1].splitlines() if line.strip()]


def test_readme_opens_with_two_commands_and_ci_runs_the_second():
    install_and_review, install_and_test = readme_commands()
    assert "pip install" in install_and_review and "ntm " in install_and_review
    assert "pytest" in install_and_test and '".[test]"' in install_and_test
    assert install_and_test in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
