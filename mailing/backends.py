"""Development e-mail backend: every message is written under .data/mail/ and echoed."""

import sys

from django.core.mail.backends.filebased import EmailBackend as FileBackend


class FileAndConsoleBackend(FileBackend):
    def write_message(self, message):
        super().write_message(message)
        sys.stdout.write(f"[e-mail] À : {', '.join(message.to)} — {message.subject}\n")
