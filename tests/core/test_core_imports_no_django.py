"""The pure core (orbis/core: timetables, zones) imports no Django."""

from orbis.core import timetable, zones


def test_core_modules_do_not_import_django():
    """The core stays pure so the matching engine can use it outside Django."""
    import ast
    import inspect

    for module in (timetable, zones):
        imported = set()
        for node in ast.walk(ast.parse(inspect.getsource(module))):
            if isinstance(node, ast.Import):
                imported |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom):
                imported.add(node.module or "")
        assert not {name for name in imported if name.split(".")[0] == "django"}, module.__name__
