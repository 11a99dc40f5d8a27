"""Data-quality checks run before a project is published (issue: "one small
function per field as akvo-rsr does before its IATI export").

Each check takes a project and returns ``[(level, message), ...]``: an
``ERROR`` blocks publication, a ``WARNING`` is shown but does not. The runner
is :func:`projects_db.checks.runner.project_quality`.
"""

ERROR = "error"
WARNING = "warning"
