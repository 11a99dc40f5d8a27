"""The demo world of ``make run`` (``manage.py load_demo``)."""
