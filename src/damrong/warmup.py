"""Compile every page template at start-up, before the first requests arrive.

Chameleon compiles a template the first time it renders. Two request threads compiling at once
can crash CPython 3.11's compiler (``SystemError: AST constructor recursion depth mismatch``),
which a busy counter meets right after a restart; compiling everything once, in one thread,
before the server listens removes the race and makes the first requests as fast as the rest.
"""

import os
from importlib.resources import files

import deform
from pyramid.renderers import get_renderer


def _template_names(package, folder):
    return sorted(entry.name for entry in files(package).joinpath(folder).iterdir()
                  if entry.name.endswith(".pt"))


def warm_templates(registry):
    """Cook our page templates and every template the deform renderer can load."""
    for name in _template_names("damrong", "templates"):
        get_renderer(f"damrong:templates/{name}", registry=registry).implementation().cook_check()
    renderer = deform.Form.default_renderer
    names = set(_template_names("damrong", "templates/deform"))
    names.update(_template_names("deform", "templates"))
    for name in sorted(names):
        renderer.load(os.path.splitext(name)[0]).cook_check()
