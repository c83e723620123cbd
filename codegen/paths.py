"""Where the project's own files are, found from this package's location."""

from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SPEC_DIR = REPO / "spec"
OPENAPI = SPEC_DIR / "openapi.yaml"
PROTO = SPEC_DIR / "tesla.proto"
FLEET_SPEC = SPEC_DIR / "fleet-energy.yaml"  # Tesla's Fleet API, energy sites
FLEET_RECORDINGS = SPEC_DIR / "fleet-recordings"
RECORDINGS = SPEC_DIR / "recordings"
CODEGEN_DIR = REPO / "codegen"
TEMPLATES = CODEGEN_DIR / "templates"  # overrides of openapi-python-client's templates
PWKIT_TEMPLATES = CODEGEN_DIR / "pwkit_templates"  # pwkit's own generated modules
GENERATOR_CONFIG = CODEGEN_DIR / "config.yaml"
FLEET_GENERATOR_CONFIG = CODEGEN_DIR / "fleet-config.yaml"
GENERATED = REPO / "generated"
CLIENT_PACKAGE = "powerwall_client"
FLEET_CLIENT_PACKAGE = "fleet_client"
