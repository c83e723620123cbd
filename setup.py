"""The package layout, which pyproject.toml alone cannot express.

The designed top-level folders map into one `pwkit` namespace, and the
generated client's subpackages (one per spec tag) are found, not listed, so a
new tag in the spec needs no edit here. Metadata lives in pyproject.toml.
"""

from setuptools import find_packages, setup

CLIENT = ["powerwall_client", *(f"powerwall_client.{p}" for p in find_packages("generated/powerwall_client"))]
FLEET = ["fleet_client", *(f"fleet_client.{p}" for p in find_packages("generated/fleet_client"))]

setup(
    package_dir={
        "pwkit.bridge": "bridge",
        "pwkit.cli": "cli",
        "pwkit.client": "client",
        "pwkit.codegen": "codegen",
        "pwkit.simulator": "simulator",
        "pwkit.spec": "spec",
        "powerwall_client": "generated/powerwall_client",
        "fleet_client": "generated/fleet_client",
        "tedapi_client": "generated/tedapi_client",
    },
    packages=[
        "pwkit.bridge",
        "pwkit.bridge.sources",
        "pwkit.cli",
        "pwkit.client",
        "pwkit.codegen",
        "pwkit.simulator",
        "pwkit.spec",
        *CLIENT,
        *FLEET,
        "tedapi_client",
        # Data folders whose names Python could import: listed, so setuptools ships them without a warning.
        *("pwkit.codegen.templates", "pwkit.codegen.pwkit_templates", "pwkit.spec.recordings"),
        "pwkit.spec.recordings.misc",
        "pwkit.spec.recordings.seeds",
        "pwkit.spec.recordings.tedapi",
        "pwkit.spec.tedapi",
        "pwkit.spec.tedapi.queries",
        "pwkit.spec.tedapi.schemas",
    ],
    package_data={
        # The spec and recordings: `pwkit verify` and `pwkit simulate` read them at run time.
        "pwkit.spec": [
            "openapi.yaml",
            "fleet-energy.yaml",
            "tesla.proto",
            "fleet-recordings/*.json",
        ],
        "pwkit.spec.recordings": ["*/*.json", "*/*/*.json"],
        "pwkit.spec.recordings.misc": ["*.json"],
        "pwkit.spec.recordings.seeds": ["*.json", "*/*.json", "*/*/*.json"],
        # Tesla's signed TEDAPI query sets, with their provenance.
        "pwkit.spec.recordings.tedapi": ["*.json"],
        "pwkit.spec.tedapi.queries": ["*.json", "*.md"],
        "pwkit.spec.tedapi.schemas": ["*.yaml"],
        "pwkit.codegen": ["config.yaml", "fleet-config.yaml"],
        "pwkit.codegen.templates": ["*.jinja"],
        "pwkit.codegen.pwkit_templates": ["*.jinja"],
        "powerwall_client": ["py.typed", "*.pyi"],
        "fleet_client": ["py.typed"],
        "tedapi_client": ["py.typed", "*.pyi"],
        "pwkit.spec.tedapi": ["*.proto"],
    },
)
