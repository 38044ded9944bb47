"""Audit the installed Python packages for known vulnerabilities; exit 1 when one is found.

pip-audit asks PyPI about each installed version. Where PyPI's per-version JSON API cannot be
reached (as on our CI, which reaches PyPI only through a mirror of the project pages), every
package comes back "not found" and pip-audit would pass having checked nothing. Then this script
says so loudly and falls back to what the project pages do carry: whether a pinned version was
yanked, and the known vulnerabilities of each project's latest release, which bind us when our
pin is that release. docs/security.md explains the limits.
"""

import json
import subprocess  # nosec B404
import sys
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from packaging.utils import canonicalize_name

VENV_BIN = Path(sys.executable).parent
PROJECT_URL = "https://pypi.org/pypi/{name}/json"


def run_pip_audit():
    result = subprocess.run(  # noqa: S603  # nosec B603
        [str(VENV_BIN / "pip-audit"), "--progress-spinner", "off", "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    if not result.stdout.strip():
        sys.exit(f"pip-audit produced no report:\n{result.stderr}")
    return json.loads(result.stdout)["dependencies"]


def installed_versions():
    result = subprocess.run(  # noqa: S603  # nosec B603
        [sys.executable, "-m", "pip", "list", "--format", "json", "--disable-pip-version-check"],
        capture_output=True,
        text=True,
        check=True,
    )
    return {canonicalize_name(item["name"]): item["version"] for item in json.loads(result.stdout)}


def project_problems(name, version):
    """What PyPI's project page says is wrong with `version`, or None when it cannot be read."""
    url = PROJECT_URL.format(name=name)
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310  # nosec B310
            project = json.load(response)
    except OSError:
        return None
    problems = []
    files = project.get("releases", {}).get(version, [])
    if files and all(file.get("yanked") for file in files):
        problems.append(f"{name} {version} was yanked: {files[0].get('yanked_reason') or 'no reason given'}")
    if project["info"]["version"] == version:
        for vulnerability in project.get("vulnerabilities", []):
            if not vulnerability.get("withdrawn"):
                problems.append(
                    f"{name} {version}: {vulnerability['id']} {vulnerability.get('summary') or ''}"
                )
    return problems


def main():
    dependencies = run_pip_audit()
    audited = [dep for dep in dependencies if "skip_reason" not in dep]
    vulnerable = [dep for dep in audited if dep.get("vulns")]
    for dep in vulnerable:
        for vuln in dep["vulns"]:
            print(
                f"VULNERABLE {dep['name']} {dep['version']}: {vuln['id']} (fixed in {vuln['fix_versions']})"
            )
    print(f"pip-audit: {len(audited)} of {len(dependencies)} packages audited, {len(vulnerable)} vulnerable")
    if vulnerable:
        return 1
    if audited:
        return 0

    print("pip-audit could not reach PyPI's vulnerability data; checking PyPI's project pages instead")
    versions = installed_versions()
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = dict(zip(versions, pool.map(project_problems, versions, versions.values()), strict=True))
    unreadable = sorted(name for name, problems in results.items() if problems is None)
    problems = [problem for found in results.values() if found for problem in found]
    for problem in problems:
        print(f"PROBLEM {problem}")
    print(
        f"project pages: {len(results) - len(unreadable)} of {len(results)} packages checked "
        f"(yanked pins, known vulnerabilities of pins that are the latest release), {len(problems)} problems"
    )
    if unreadable:
        print(f"could not read: {', '.join(unreadable)}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
