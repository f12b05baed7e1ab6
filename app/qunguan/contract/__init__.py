"""The platform API contract: pydantic models, enums, the taxonomy and error shapes.

Pure data, no I/O, and nothing else of ours is imported here.  The OpenAPI document the
reference platform serves is generated from these models.
"""

API_PREFIX = "/api/v1"
API_VERSION = "1.0"
IDEMPOTENCY_HEADER = "Idempotency-Key"
