"""Old Word (.doc, Word 97-2003) files converted to .docx by LibreOffice, headless.

LibreOffice is optional (Debian: ``libreoffice-writer-nogui``), found on PATH as
``soffice`` or ``libreoffice``. Each conversion runs in a temporary folder with its own
LibreOffice profile (so it never meets a user's running LibreOffice), with a time limit,
and its process group is ended if the limit passes: no process outlives it.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

INSTALL_HINT = (
    "needs LibreOffice to read .doc: install libreoffice-writer-nogui, or save the file as .docx "
    "(cần LibreOffice để đọc .doc: hãy cài libreoffice-writer-nogui, hoặc lưu tệp thành .docx)"
)


class LibreOfficeMissing(Exception):
    pass


class DocConversionError(Exception):
    pass


def soffice() -> str:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    raise LibreOfficeMissing(INSTALL_HINT)


def convert(data: bytes, suffix: str, target: str, timeout: float = 180) -> bytes:
    """Convert a document's bytes with LibreOffice (``target``: docx, doc, odt …)."""
    binary = soffice()
    with tempfile.TemporaryDirectory(prefix="vankien-lo-") as tmp:
        folder = Path(tmp)
        source = folder / f"in{suffix}"
        source.write_bytes(data)
        out = folder / "out"
        command = [
            binary, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless", "--norestore",
            "--convert-to", target, "--outdir", str(out), str(source),
        ]
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
            env={**os.environ, "HOME": tmp},
        )
        try:
            _, err = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise DocConversionError(f"LibreOffice took longer than {timeout:.0f} s (chuyển đổi quá lâu)") from None
        finally:
            try:  # helpers LibreOffice may leave in its group
                os.killpg(process.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        produced = list(out.glob(f"*.{target.split(':')[0]}")) if out.exists() else []
        if process.returncode != 0 or not produced:
            detail = err.decode("utf-8", "replace").strip()[-200:]
            raise DocConversionError(f"LibreOffice could not read the file (không đọc được tệp .doc): {detail}")
        return produced[0].read_bytes()


def doc_to_docx(data: bytes, timeout: float = 180) -> bytes:
    return convert(data, ".doc", "docx", timeout)
