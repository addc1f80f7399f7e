"""Real HTTP for the benchmark commands: the project's WSGI application served on 127.0.0.1 (a random
port, in a thread of the benchmark's process) and a tiny client that carries a logged-in session.

Unlike Django's test ``Client``, requests go through a socket, the WSGI server and the whole middleware
stack, and templates are rendered without the test instrumentation (which copies every template
context), so the figures are those of a deployed page, minus the network."""

import contextlib
import http.client
import threading
import time
from urllib.parse import urlencode
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):  # no access log in the figures
        pass


class _Server(WSGIServer):
    daemon_threads = True
    request_queue_size = 64


@contextlib.contextmanager
def serve_http():
    """Yield (host, port) of the project served on 127.0.0.1; stopped when the block ends."""
    from django.core.wsgi import get_wsgi_application

    server = make_server("127.0.0.1", 0, get_wsgi_application(), server_class=_Server, handler_class=_QuietHandler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server.server_address
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


class HttpSession:
    """GET pages as a logged-in user (the session cookie of ``force_login``), or as a visitor (``user=None``)."""

    def __init__(self, address, user, host_header: str):
        from django.test import Client

        client = Client()
        if user is not None:
            client.force_login(user)
        self.cookie = "; ".join(f"{name}={morsel.value}" for name, morsel in client.cookies.items())
        self.address = address
        self.host_header = host_header

    def get(self, path: str, params: dict | None = None) -> tuple[int, bytes, float]:
        """(status, body, seconds from sending the request to the last byte of the answer)."""
        url = f"{path}?{urlencode(params, doseq=True)}" if params else path
        connection = http.client.HTTPConnection(*self.address, timeout=30)
        try:
            started = time.perf_counter()
            connection.request("GET", url, headers={"Cookie": self.cookie, "Host": self.host_header})
            response = connection.getresponse()
            body = response.read()
            elapsed = time.perf_counter() - started
        finally:
            connection.close()
        return response.status, body, elapsed
