"""The one error hierarchy. Services raise these; the wire renders Zoom's body in one place.

ZoomError(code, message, status)        any Zoom-shaped error: {"code": N, "message": "..."}
 ├── ValidationFailed                    400 / 300 with an ``errors`` array
 ├── NotFound                            404 with the operation's own code
 ├── InvalidToken                        401 / 124
 ├── MissingScope                        400 / 4711 naming the granular scopes
 └── NotImplementedOperation             501 naming the operationId
"""

from __future__ import annotations

from typing import Any


class ZoomError(Exception):
    status: int = 400

    def __init__(self, code: int, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        if status is not None:
            self.status = status

    def body(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message}


class ValidationFailed(ZoomError):
    def __init__(self, errors: list[dict[str, str]], message: str = "Validation Failed.") -> None:
        super().__init__(300, message, 400)
        self.errors = errors

    def body(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "errors": self.errors}


class NotFound(ZoomError):
    status = 404


class InvalidToken(ZoomError):
    def __init__(self, message: str = "Invalid access token.") -> None:
        super().__init__(124, message, 401)


class MissingScope(ZoomError):
    def __init__(self, scopes: list[str]) -> None:
        listed = ",".join(scopes)
        super().__init__(4711, f"Invalid access token, does not contain scopes:[{listed}].", 400)


class NotImplementedOperation(ZoomError):
    def __init__(self, operation_id: str, method: str, path: str) -> None:
        message = f"zemu does not implement {operation_id} ({method} {path}) yet."
        super().__init__(501, message, 501)
        self.operation_id = operation_id

    def body(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "operation_id": self.operation_id}


def bad_request(message: str, code: int = 300) -> ZoomError:
    return ZoomError(code, message, 400)
