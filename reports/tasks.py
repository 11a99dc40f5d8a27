"""Celery tasks of the progress reports: thin shells around the services (DESIGN §5)."""

from celery import shared_task

from .services import reports


@shared_task(name="reports.tasks.report_generation_task")
def report_generation_task(generation_id: int) -> str:
    """Render one report PDF, saving its progress as it goes."""
    return reports.report_generation_run(generation_id=generation_id)


@shared_task(name="reports.tasks.report_send_task")
def report_send_task(report_id: int) -> str:
    """File an approved report in the archive and send it to the recipient offices."""
    return reports.report_send(report_id=report_id).status


@shared_task(name="reports.tasks.report_generations_sweep_task")
def report_generations_sweep_task() -> int:
    """Beat, every five minutes: fail the renderings whose worker died or whose task was lost."""
    return len(reports.report_generations_sweep())
