"""Small steps the services of this app take the same way."""

from django.core.exceptions import ValidationError

from coordination.history import history_attribute


def refuse(message: str, field: str | None = None):
    """Stop the action: at ``field`` of the form, or on top when ``None``."""
    raise ValidationError({field: message} if field else message)


def locked(model, pk):
    """Re-read a row under a lock so two requests cannot move it twice."""
    return model.objects.select_for_update().get(pk=pk)


def row_copy(instance, *, by=None, **changes):
    """Save a new row with ``instance``'s values and ``changes`` (a postponed
    meeting's agenda, a correction's items), attributed to ``by``."""
    values = {
        field.attname: getattr(instance, field.attname)
        for field in instance._meta.concrete_fields
        if not field.primary_key
    }
    copy = type(instance)(**values)
    for name, value in changes.items():
        setattr(copy, name, value)
    history_attribute(copy, by=by).save()
    return copy
