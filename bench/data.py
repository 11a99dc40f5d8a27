"""The data a benchmark run measures: S, M or L (docs/architecture.md
"Benchmarks"), built by ``python manage.py generate_data --size``."""

from __future__ import annotations

from django.core.management import call_command

SIZES = ("S", "M", "L")


def is_filled() -> bool:
    from swg.models import Contact

    return Contact.objects.exists()


def fill(size: str, *, out=print) -> None:
    """Fill an empty database with the data of ``size``."""
    out(f"generate_data --size {size}")
    call_command("generate_data", size=size)
