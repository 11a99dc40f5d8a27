"""Signing the named people in, when a test needs more than ``client.force_login``."""


def as_chair(client, world):
    """The chair reads the portal in Arabic; these tests read the English text."""
    world.chair.language = "en"
    world.chair.save()
    client.force_login(world.chair)
