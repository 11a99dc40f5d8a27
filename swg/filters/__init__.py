"""List filters of the working-group domain (django-filter), one module per area."""
