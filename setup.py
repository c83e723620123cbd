"""The package layout, which pyproject.toml alone cannot express.

The designed top-level folders map into one `pwkit` namespace, and the
generated client's subpackages (one per spec tag) are found, not listed, so a
new tag in the spec needs no edit here. Metadata lives in pyproject.toml.
"""

from setuptools import find_packages, setup

CLIENT = ["powerwall_client", *(f"powerwall_client.{p}" for p in find_packages("generated/powerwall_client"))]

setup(
    package_dir={
        "pwkit.bridge": "bridge",
        "pwkit.cli": "cli",
        "pwkit.client": "client",
        "pwkit.codegen": "codegen",
        "pwkit.simulator": "simulator",
        "pwkit.spec": "spec",
        "powerwall_client": "generated/powerwall_client",
    },
    packages=["pwkit.bridge", "pwkit.cli", "pwkit.client", "pwkit.codegen", "pwkit.simulator", "pwkit.spec", *CLIENT],
    package_data={
        # The spec and recordings: `pwkit verify` and `pwkit simulate` read them at run time.
        "pwkit.spec": ["openapi.yaml", "tesla.proto", "recordings/*/*.json", "recordings/*/*/*.json"],
        "pwkit.codegen": ["config.yaml", "templates/*.jinja", "pwkit_templates/*.jinja"],
        "powerwall_client": ["py.typed", "*.pyi"],
    },
)
