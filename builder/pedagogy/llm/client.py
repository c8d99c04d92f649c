"""A minimal OpenAI-compatible chat client (urllib only) with an on-disk cache.

Requests ask for temperature 0 and a fixed seed, and for JSON that follows a
schema (``response_format`` of type ``json_schema``; an endpoint that rejects
it is asked again with ``json_object``). Every answer is stored under
``<course root>/.coursepack-cache/llm/<sha256 of the request>.json``, so a
second build sends nothing and gives the same output; delete the folder to ask
again.
"""

from __future__ import annotations

import hashlib
import json
import os
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from ...errors import BuildError

CACHE_DIR = Path(".coursepack-cache") / "llm"
TIMEOUT = 300
MAX_TOKENS = 2000
"""Enough for four objectives, four questions and six quiz items; a model that
loops stops here (its cut-off answer is not JSON, so the rules backend fills in)."""


class ChatClient:
    def __init__(
        self,
        base_url: str,
        model: str,
        api_key: str,
        cache: Path,
        where: str,
        seed: int = 1,
    ) -> None:
        self.url = base_url.rstrip("/") + "/chat/completions"
        self.model = model
        self.api_key = api_key
        self.cache = cache
        self.where = where
        self.seed = seed

    def complete(self, system: str, user: str, schema: dict[str, Any]) -> str:
        """The assistant's reply (JSON text), from the cache when this exact request
        was answered before."""
        payload: dict[str, Any] = {
            "model": self.model,
            "messages": [{"role": "system", "content": system},
                         {"role": "user", "content": user}],
            "temperature": 0,
            "seed": self.seed,
            "max_tokens": MAX_TOKENS,
            "response_format": {
                "type": "json_schema",
                "json_schema": {"name": "material", "strict": True, "schema": schema},
            },
        }
        key = hashlib.sha256(
            json.dumps([self.url, payload], sort_keys=True).encode("utf-8")
        ).hexdigest()
        path = self.cache / f"{key}.json"
        if path.is_file():
            return str(json.loads(path.read_text(encoding="utf-8"))["content"])
        try:
            content = self._post(payload)
        except _Rejected:
            payload["response_format"] = {"type": "json_object"}
            content = self._post(payload)
        self.cache.mkdir(parents=True, exist_ok=True)
        temp = path.with_suffix(".tmp")
        temp.write_text(json.dumps({"content": content}, ensure_ascii=False), encoding="utf-8")
        os.replace(temp, path)
        return content

    def _post(self, payload: dict[str, Any]) -> str:
        headers = {"Content-Type": "application/json"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        request = urllib.request.Request(
            self.url, data=json.dumps(payload).encode("utf-8"), headers=headers, method="POST"
        )
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
                data = json.loads(response.read().decode("utf-8"))
        except urllib.error.HTTPError as exc:
            raise self._http_error(exc, payload) from None
        except (TimeoutError, urllib.error.URLError, ConnectionError) as exc:
            reason = getattr(exc, "reason", exc)
            raise BuildError(
                f"cannot reach the LLM endpoint {self.url} ({reason})",
                self.where,
                "Start the server or fix base_url in the [pedagogy] table, "
                'or set backend = "rules" to build offline',
            ) from None
        except (json.JSONDecodeError, UnicodeDecodeError):
            raise BuildError(
                f"the LLM endpoint {self.url} did not answer with JSON",
                self.where,
                "Check that base_url points at an OpenAI-compatible API (it usually ends in /v1)",
            ) from None
        try:
            return str(data["choices"][0]["message"]["content"] or "")
        except (KeyError, IndexError, TypeError):
            raise BuildError(
                f"the LLM endpoint {self.url} sent no chat completion",
                self.where,
                "Check that base_url points at an OpenAI-compatible API (it usually ends in /v1)",
            ) from None

    def _http_error(self, exc: urllib.error.HTTPError, payload: dict[str, Any]) -> Exception:
        if exc.code == 400 and payload["response_format"]["type"] == "json_schema":
            return _Rejected()
        if exc.code in (401, 403):
            return BuildError(
                f"the LLM endpoint {self.url} refused the request (HTTP {exc.code})",
                self.where,
                "Put a valid API key in the environment variable named by api_key_env",
            )
        if exc.code == 404:
            return BuildError(
                f"the LLM endpoint {self.url} was not found (HTTP 404)",
                self.where,
                "Check base_url (it usually ends in /v1) and the model name",
            )
        return BuildError(
            f"the LLM endpoint {self.url} failed (HTTP {exc.code})",
            self.where,
            'Try again later, or set backend = "rules" to build offline',
        )


class _Rejected(Exception):
    """The endpoint does not support JSON-schema output."""
