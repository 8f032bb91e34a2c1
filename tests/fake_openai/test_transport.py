"""The fake server below the SDK: sockets, keep-alive, raw HTTP answers, lifecycle."""

from __future__ import annotations

import http.client
import json
import socket
import threading
from collections.abc import Iterator

import openai
import pytest

from tests.fake_openai import FakeOpenAIServer, Hang, Reply
from tests.fake_openai.server import FakeHTTPServer

CHAT_BODY = json.dumps({"model": "m", "messages": [{"role": "user", "content": "hi"}]})


@pytest.fixture
def conn(server: FakeOpenAIServer) -> Iterator[http.client.HTTPConnection]:
    """A raw HTTP/1.1 connection to the fake server, to look below the SDK."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
    yield connection
    connection.close()


def post(conn: http.client.HTTPConnection, path: str, body: str) -> tuple[int, bytes]:
    conn.request("POST", path, body, {"Content-Type": "application/json"})
    response = conn.getresponse()
    return response.status, response.read()


def test_accepted_sockets_have_tcp_nodelay():
    httpd = FakeHTTPServer(("127.0.0.1", 0), FakeOpenAIServer())
    try:
        with socket.create_connection(httpd.server_address[:2]):
            accepted, _ = httpd.get_request()
            try:
                assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0
            finally:
                accepted.close()
    finally:
        httpd.server_close()


def test_keep_alive_serves_plain_and_streamed_answers_on_one_connection(server, conn):
    streamed = json.dumps({**json.loads(CHAT_BODY), "stream": True})

    first_status, _ = post(conn, "/v1/chat/completions", CHAT_BODY)
    first_socket = conn.sock
    stream_status, stream_body = post(conn, "/v1/chat/completions", streamed)
    last_status, last_body = post(conn, "/v1/chat/completions", CHAT_BODY)

    assert (first_status, stream_status, last_status) == (200, 200, 200)
    assert conn.sock is first_socket, "the connection should have been reused"
    assert stream_body.endswith(b"data: [DONE]\n\n")
    assert json.loads(last_body)["choices"][0]["message"]["content"] == "Fake answer: hi"


def test_stream_is_sent_as_server_sent_events_in_chunked_encoding(server, conn):
    server.script(Reply("two words"))
    body = json.dumps({**json.loads(CHAT_BODY), "stream": True})

    conn.request("POST", "/v1/chat/completions", body)
    response = conn.getresponse()
    events = response.read().decode().split("\n\n")

    assert response.getheader("Content-Type").startswith("text/event-stream")
    assert response.getheader("Transfer-Encoding") == "chunked"
    assert all(event.startswith("data: ") for event in events[:-1])
    assert events[-2:] == ["data: [DONE]", ""]


def test_unknown_path_answers_404_with_openai_error(server, conn):

    status, body = post(conn, "/v1/moderations", "{}")

    assert status == 404
    assert json.loads(body)["error"]["code"] == "unknown_url"
    assert server.call_count == 0
    assert server.requests[0]["path"] == "/v1/moderations"


def test_embeddings_are_deterministic_and_close_for_shared_words(server, conn):
    texts = ["Monstera leaves need bright light", "Pothos leaves like bright light", "Bake bread"]
    status, body = post(conn, "/v1/embeddings", json.dumps({"model": "m", "input": texts}))

    assert status == 200
    data = json.loads(body)
    vectors = [item["embedding"] for item in data["data"]]
    dot = [sum(a * b for a, b in zip(vectors[0], v, strict=True)) for v in vectors]
    assert dot[1] > dot[2]
    assert data["usage"]["prompt_tokens"] == 12
    assert server.call_count == 0  # not a chat request: scripts are untouched


def test_chat_request_without_messages_answers_400_and_keeps_script(server, conn):
    server.script(Reply("kept"))

    status, body = post(conn, "/v1/chat/completions", "not json")

    assert status == 400
    assert json.loads(body)["error"]["type"] == "invalid_request_error"
    assert server.pending == 1
    assert server.requests[0]["json"] is None


def test_chunked_request_body_is_read(server, conn):

    conn.request("POST", "/v1/chat/completions", iter([CHAT_BODY.encode()]))
    response = conn.getresponse()

    assert response.status == 200
    assert server.requests[0]["json"]["messages"][0]["content"] == "hi"


def test_stop_returns_promptly_while_a_request_hangs():
    server = FakeOpenAIServer().start()
    server.script(Hang(60))
    sdk = openai.OpenAI(base_url=server.base_url, api_key="sk-test", max_retries=0)
    errors: list[Exception] = []

    def hanging() -> None:
        try:
            sdk.chat.completions.create(model="m", messages=[])
        except openai.APIConnectionError as exc:
            errors.append(exc)

    thread = threading.Thread(target=hanging)
    thread.start()
    while server.call_count == 0:
        thread.join(0.01)
    server.stop()
    thread.join(timeout=10)
    sdk.close()

    assert not thread.is_alive()
    assert len(errors) == 1


def test_stopped_server_refuses_connections_and_can_start_again():
    server = FakeOpenAIServer().start()
    port = server.port
    server.stop()

    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), timeout=2)
    with pytest.raises(RuntimeError, match="not running"):
        _ = server.base_url

    with server:
        assert server.base_url.startswith("http://127.0.0.1:")


def test_starting_twice_is_refused(server):
    with pytest.raises(RuntimeError, match="already running"):
        server.start()
