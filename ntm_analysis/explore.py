"""`ntm explore`: the explorer notebook served as a dashboard by Voilà on 127.0.0.1.

The data paths reach the notebook (``notebooks/03_explore.ipynb``) as papermill parameters of a
generated copy in a temporary folder. Voilà runs in a session of its own, with the package's
page template (``jupyter/voila/templates/ntm``: Voilà's lab template without the Font Awesome
stylesheet it links from a CDN), so every asset comes from the installed packages. Stopping
stops Voilà, which shuts its kernels down; whatever is still alive after that is killed, so
nothing outlives the command.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .vocab_messages import Message

NOTEBOOK = "03_explore.ipynb"
HOST = "127.0.0.1"
TEMPLATE = "ntm"
START_TIMEOUT = 90.0  # seconds for Voilà to listen (a cold start on a busy machine)


class ExploreError(Exception):
    """The dashboard could not be served (the message says why)."""


class PortInUse(ExploreError):
    """The port asked for is taken (a usage error)."""


def title(lang: str = "vi") -> str:
    """The browser tab's title in ``lang``."""
    from .vocab import explorer_word

    return explorer_word("tab_title", lang)


def template_root() -> Path:
    """The folder added to JUPYTER_PATH so that Voilà finds the ``ntm`` page template."""
    return Path(__file__).resolve().parent / "jupyter"


def free_port(host: str = HOST) -> int:
    """A port nothing listens on now (the system's choice)."""
    with socket.socket() as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def port_free(port: int, host: str = HOST) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind((host, port))
        except OSError:
            return False
        return True


def write_notebook(folder: Path, paths: list, *, lang: str = "vi", reading: dict | None = None) -> Path:
    """The explorer notebook with its parameters set (absolute data paths, and the reading
    options ``criteria_set``, ``encoding`` and ``hidden_sheets`` as the command got them)."""
    import nbformat
    from papermill.iorw import load_notebook_node
    from papermill.parameterize import parameterize_notebook

    from .report import notebook_path

    notebook = load_notebook_node(str(notebook_path(NOTEBOOK)))
    notebook = parameterize_notebook(notebook, {
        "data_paths": [str(Path(p).resolve()) for p in paths], "lang": lang, **(reading or {})})
    notebook.metadata["title"] = title(lang)  # the browser tab's title, in the language served
    path = folder / "ntm_explore.ipynb"
    nbformat.write(notebook, path)
    return path


def voila_command(notebook: Path, port: int, lang: str = "vi") -> list[str]:
    """Voilà on loopback only, no browser, no port hunting, quiet, our template, the page's
    ``<html lang>`` the language served."""
    return [sys.executable, "-m", "voila", str(notebook), "--no-browser", f"--port={port}",
            f"--Voila.ip={HOST}", "--Voila.port_retries=0", f"--template={TEMPLATE}", "--theme=light",
            "--Voila.log_level=ERROR", "--VoilaConfiguration.show_tracebacks=False",
            f"--HTMLExporter.language_code={lang}"]


def _die_with_parent() -> None:  # pragma: no cover - runs in the child between fork and exec
    """Linux: Voilà gets SIGTERM if ``ntm explore`` itself is killed, and stops its kernels."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


class Server:
    """Voilà serving the explorer of ``paths``; a context manager that always stops it."""

    def __init__(self, paths: list, *, port: int | None = None, lang: str = "vi",
                 reading: dict | None = None):
        if port is not None and not port_free(port):
            raise PortInUse(Message("port_in_use", port=port, host=HOST))
        self.port = port or free_port()
        self.url = f"http://{HOST}:{self.port}/"
        self.paths, self.lang, self.reading = paths, lang, reading
        self.process: subprocess.Popen | None = None
        self._folder = None

    def __enter__(self) -> Server:
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def start(self) -> None:
        """Start Voilà and return once it listens (its log is said if it cannot start)."""
        self._folder = tempfile.TemporaryDirectory(prefix="ntm-explore-")
        folder = Path(self._folder.name)
        notebook = write_notebook(folder, self.paths, lang=self.lang, reading=self.reading)
        env = dict(os.environ, JUPYTER_PATH=os.pathsep.join(
            [str(template_root())] + [p for p in os.environ.get("JUPYTER_PATH", "").split(os.pathsep) if p]))
        self._log = open(folder / "voila.log", "w+b")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            voila_command(notebook, self.port, self.lang), cwd=folder, env=env, stdin=subprocess.DEVNULL,
            stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True,
            preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None)
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise ExploreError(Message("voila_start", code=self.process.returncode, log=self.log_tail()))
            try:
                socket.create_connection((HOST, self.port), timeout=0.5).close()
                return
            except OSError:
                time.sleep(0.2)
        raise ExploreError(Message("voila_listen", url=self.url, seconds=f"{START_TIMEOUT:.0f}", log=self.log_tail()))

    def log_tail(self, lines: int = 15) -> str:
        if not getattr(self, "_log", None) or self._log.closed:
            return ""
        self._log.seek(0)
        return "\n".join(self._log.read().decode("utf-8", "replace").splitlines()[-lines:])

    def wait(self) -> int:
        """Block until Voilà exits (a KeyboardInterrupt comes through)."""
        return self.process.wait()

    def stop(self, timeout: float = 15.0) -> None:
        """Stop Voilà (SIGTERM: it shuts its kernels down), then kill whatever of it is left."""
        process, self.process = self.process, None
        if process is not None:
            children = _descendants(process.pid)
            if process.poll() is None:
                try:
                    process.send_signal(signal.SIGTERM)
                    process.wait(timeout)
                except subprocess.TimeoutExpired:
                    _kill_group(process.pid)
                    process.wait(5)
            for child in children:
                _kill(child)
        if getattr(self, "_log", None):
            self._log.close()
        if self._folder is not None:
            self._folder.cleanup()
            self._folder = None


def _descendants(pid: int) -> list:
    """Every process started under ``pid`` (Voilà's kernels are in process groups of their own)."""
    import psutil

    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.Error:
        return []


def _kill(process) -> None:
    import psutil

    try:
        process.terminate()
        process.wait(5)
    except psutil.TimeoutExpired:
        process.kill()
    except psutil.Error:
        pass


def _kill_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except OSError:
        pass


class Stopped(Exception):
    """The command was asked to stop (Ctrl-C or SIGTERM); ``code`` is its exit status."""

    def __init__(self, signum: int):
        super().__init__("Ctrl-C" if signum == signal.SIGINT else signal.Signals(signum).name)
        self.code = 128 + signum


def serve(paths: list, *, port: int | None = None, open_browser: bool = False, lang: str = "vi",
          reading: dict | None = None, say=print) -> None:
    """Serve the explorer of ``paths`` until Voilà exits or the command is stopped: the address
    on stdout once it answers, a browser only on request. Ctrl-C and SIGTERM raise ``Stopped``
    after Voilà and its kernels are stopped."""

    def stop(signum, frame):
        for s in previous:  # a second Ctrl-C must not cut the clean-up short
            signal.signal(s, signal.SIG_IGN)
        raise Stopped(signum)

    previous = {s: signal.signal(s, stop) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        with Server(paths, port=port, lang=lang, reading=reading) as server:
            say(server.url)
            sys.stdout.flush()
            if open_browser:
                import webbrowser

                webbrowser.open(server.url)
            code = server.wait()
            raise ExploreError(Message("voila_stopped", code=code, log=server.log_tail()))
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
