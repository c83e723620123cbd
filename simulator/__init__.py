"""A faithful Tesla gateway simulator (``pwkit simulate``)."""
