"""The yes/no filter (coordination/filters.py): "All / Yes / No", never
"Unknown", and every boolean filter of the portal is one."""

import importlib
import inspect
import pkgutil

import django_filters

from coordination.filters import YesNoFilter
from swg.filters.contacts import ContactFilter
from swg.models import Contact


def test_it_offers_all_yes_and_no(db):
    field = ContactFilter().form.fields["is_active"]
    assert [str(label) for _value, label in field.choices] == ["All", "Yes", "No"]


def test_it_filters_only_when_yes_or_no_is_chosen(world):
    world.contact_b.is_active = False
    world.contact_b.save()
    everybody = Contact.objects.all()

    def shown(query):
        return set(ContactFilter(query, queryset=everybody).qs)

    assert shown({"is_active": ""}) == set(everybody)
    assert world.contact_b not in shown({"is_active": "true"})
    assert shown({"is_active": "false"}) == {world.contact_b}


def test_every_boolean_filter_of_the_portal_is_a_yes_no_filter():
    plain = []
    for app in ("swg", "projects_db"):
        package = importlib.import_module(f"{app}.filters")
        for info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            for _name, cls in inspect.getmembers(module, inspect.isclass):
                if (
                    not issubclass(cls, django_filters.FilterSet)
                    or cls.__module__ != module.__name__
                ):
                    continue
                for name, declared in cls.base_filters.items():
                    if isinstance(declared, django_filters.BooleanFilter) and not isinstance(
                        declared, YesNoFilter
                    ):
                        plain.append(f"{cls.__name__}.{name}")
    assert plain == []
