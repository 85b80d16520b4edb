"""The OpenAPI document's problem responses: every operation may answer with one."""

from api.problems import PROBLEM_TYPE

PROBLEM = {
    "type": "object",
    "description": "An error, as RFC 9457 describes it.",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string", "description": "about:blank: the status says it all."},
        "title": {"type": "string", "description": "The status's phrase."},
        "status": {"type": "integer"},
        "detail": {"type": "string", "description": "What went wrong, for a person."},
        "code": {"type": "string", "description": "What went wrong, for a program."},
        "errors": {"type": "object", "description": "400: what is wrong with each field.",
                   "additionalProperties": True},
        "retry_after": {"type": "integer", "description": "429: seconds to wait."},
    },
}
# Statuses any operation may answer with, and those only some may.
EVERYWHERE = {"404": "Not found (or not published).", "429": "Too many requests; see "
              "Retry-After."}
READ_ONLY = {"400": "A query parameter is not valid."}
WITH_TOKEN = {"401": "No token, or a revoked or unknown one.",
              "403": "The token's user may not do this, or the token may only read."}
WRITES = {"400": "The body is not valid.", "409": "Changed since you read it, or a state "
          "that forbids this."}


def problem_responses(result, generator, request, public):
    """Postprocessing hook: the Problem component and the error statuses per operation."""
    result.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM
    reference = {PROBLEM_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}}
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            statuses = dict(EVERYWHERE)
            if "/staff/" in path:
                statuses.update(WITH_TOKEN)
            if method in ("post", "put", "patch", "delete"):
                statuses.update(WRITES)
            else:
                statuses.update(READ_ONLY)
            responses = operation.setdefault("responses", {})
            for status, description in statuses.items():
                responses.setdefault(status, {"description": description, "content": reference})
    return result
