"""Every form of the portal's apps removes direction controls from its input
(coordination/text.py): a form that forgets would let a name disguise itself."""

import importlib
import inspect
import pkgutil

from django import forms

from coordination.forms import DirectionControlsStripped

APPS = ["accounts", "swg", "projects_db", "reports", "dashboards", "coordination"]


def _form_modules():
    for app in APPS:
        for name in ("forms",):
            try:
                module = importlib.import_module(f"{app}.{name}")
            except ModuleNotFoundError:
                continue
            yield module
            for info in pkgutil.iter_modules(getattr(module, "__path__", [])):
                yield importlib.import_module(f"{module.__name__}.{info.name}")


def test_every_form_strips_direction_controls():
    forms_seen, missing = 0, []
    for module in _form_modules():
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ != module.__name__ or not issubclass(cls, forms.BaseForm):
                continue
            forms_seen += 1
            if not issubclass(cls, DirectionControlsStripped):
                missing.append(f"{module.__name__}.{cls.__name__}")
    assert forms_seen > 20
    assert missing == []
