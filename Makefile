# Two entry points for a fresh machine (Python 3.11+, package registries only):
#   make chat  - set up and open the chat UI on the bundled corpus (offline)
#   make test  - set up and run the whole test suite (make test-fast: the fast subset)
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip

.PHONY: chat test test-fast setup setup-test browser documents

$(PY):
	python3 -m venv $(VENV)

setup: $(PY)
	$(PIP) install -q -e .

setup-test: $(PY)
	$(PIP) install -q torch==2.13.0   # the local CPU build first: an unpinned torch pulls CUDA
	$(PIP) install -q -e ".[test]"

browser:
	@command -v chromium >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)

# OCR (Tesseract + its Vietnamese model), a font with Vietnamese glyphs for the OCR tests, and
# LibreOffice for old Word .doc files: all optional for users, installed for the tests.
documents:
	@(command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>&1 | grep -qx vie \
	  && test -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf && command -v soffice >/dev/null 2>&1) \
	  || (apt-get update -qq && apt-get install -y -qq --no-install-recommends \
	      tesseract-ocr tesseract-ocr-vie fonts-dejavu-core libreoffice-writer-nogui >/dev/null)

chat: setup
	$(VENV)/bin/vankien index
	$(VENV)/bin/vankien serve

test: setup-test browser documents
	$(PY) -m pytest

# before each commit: everything but the real-model, real-server and real-browser tests (< 90 s)
test-fast: setup-test documents
	$(PY) -m pytest -m "not slow" -q
