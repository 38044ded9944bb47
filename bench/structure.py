"""Print the product's shape from a count: each app's share of its lines, the largest modules, and
file-level import circles.

    .venv/bin/python bench/structure.py

The product is every Python file outside tests/, bench/, scripts/, migrations and the virtualenv.
Lines are physical lines (`wc -l`). Imports are read with `ast`, wherever they sit in a file, so an
import placed inside a function to dodge a circle still counts as an arrow. Exits non-zero when a
goal fails: no app over 25% of the product's lines, no module over 300 lines, no circle, and no
import of the front desk from anywhere else.
"""

import ast
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SKIPPED = {"tests", "bench", "scripts", "migrations", ".venv", "node_modules", "var", ".git"}
MAX_APP_SHARE = 25.0
MAX_MODULE_LINES = 300
TOP_FLOOR = "frontdesk"  # nothing imports it


def product_files():
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if not SKIPPED.intersection(parts):
            yield path


def module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(path, name, modules):
    """The project modules `path` (module `name`) imports, wherever the import statement sits."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            # `from x import y` imports module x.y when there is one, else names from x.
            targets = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base for alias in node.names
            ]
        else:
            continue
        for target in targets:
            while target and target not in modules:  # `import a.b.c` of a name inside a.b
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def circles(graph):
    """Strongly connected components of more than one module (Tarjan's algorithm, iterative)."""
    index, low, on_stack, stack, result = {}, {}, set(), [], []
    counter = 0
    for start in graph:
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    result.append(sorted(component))
    return result


def main():
    files = list(product_files())
    lines = {module_name(path): len(path.read_text().splitlines()) for path in files}
    paths = {module_name(path): path for path in files}
    total = sum(lines.values())
    apps = sorted({path.parent.name for path in ROOT.glob("*/apps.py")})
    per_app = Counter()
    for name, count in lines.items():
        top = name.split(".")[0]
        per_app[top if top in apps else "(outside the apps)"] += count
    app_total = sum(count for app, count in per_app.items() if app in apps)

    print(f"Product: {total} lines of Python in {len(files)} files ({app_total} in the apps)")
    print(f"{'app':<22}{'lines':>7}{'of product':>12}{'of apps':>9}")
    for app, count in per_app.most_common():
        share_of_apps = f"{100 * count / app_total:8.1f}%" if app in apps else ""
        print(f"{app:<22}{count:>7}{100 * count / total:11.1f}%{share_of_apps}")

    largest = sorted(lines.items(), key=lambda item: -item[1])[:5]
    print("Largest modules: " + ", ".join(f"{name} ({count})" for name, count in largest))

    graph = {name: imported_modules(paths[name], name, lines) for name in lines}
    found = circles(graph)
    print(f"Import circles: {len(found)}" + "".join(f"\n  {' <-> '.join(c)}" for c in found))
    upward = sorted(
        f"{name} -> {target}"
        for name, targets in graph.items()
        for target in targets
        if target.split(".")[0] == TOP_FLOOR and name.split(".")[0] != TOP_FLOOR
    )
    print(f"Imports of {TOP_FLOOR} from elsewhere: {len(upward)}" + "".join(f"\n  {u}" for u in upward))

    failures = [
        *(
            f"{app} holds {100 * count / total:.1f}% of the product"
            for app, count in per_app.items()
            if app in apps and 100 * count / total > MAX_APP_SHARE
        ),
        *(f"{name} has {count} lines" for name, count in largest if count > MAX_MODULE_LINES),
        f"{len(found)} import circle(s)" if found else "",
        f"{len(upward)} import(s) of {TOP_FLOOR}" if upward else "",
    ]
    failures = [failure for failure in failures if failure]
    print("Goals: " + ("all met" if not failures else "NOT met: " + "; ".join(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
