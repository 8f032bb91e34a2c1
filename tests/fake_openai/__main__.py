"""Run the fake OpenAI server in the foreground: ``python -m tests.fake_openai --port 8001``.

Prints the base URL on the first line of stdout (so a parent process can read it) and
serves until interrupted (Ctrl+C or SIGTERM).
"""

from __future__ import annotations

import argparse
import signal
import threading

from tests.fake_openai.server import FakeOpenAIServer


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.fake_openai", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port (default)")
    parser.add_argument("--latency", type=float, default=0.0, help="seconds before first byte")
    parser.add_argument("--token-delay", type=float, default=0.0, help="seconds between chunks")
    parser.add_argument("--model", default="fake-model", help="model listed by /v1/models")
    parser.add_argument("--verbose", action="store_true", help="log every request to stderr")
    args = parser.parse_args(argv)

    stopped = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopped.set())
    server = FakeOpenAIServer(
        args.latency,
        args.token_delay,
        host=args.host,
        port=args.port,
        model=args.model,
        verbose=args.verbose,
    )
    with server:
        print(server.base_url, flush=True)
        try:
            while not stopped.wait(0.5):
                pass
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
