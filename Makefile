# Two entry points, both safe on a fresh machine:
#   make site   set up a virtual environment and build the site into site/
#   make test   set up the test environment (and Debian's chromium) and run the tests
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: site test serve chromium pdftotext java fonts

site: $(VENV)/.site fonts
	$(BIN)/python build.py

serve: $(VENV)/.site
	$(BIN)/python build.py serve

test: $(VENV)/.test chromium pdftotext java fonts
	$(BIN)/python -m pytest

$(VENV)/.site: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.test: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.site

# The browser tests drive Debian's chromium through Playwright; Playwright's own
# browser download is never used.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium for the browser tests"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null; }

# The print tests read the PDFs chromium prints with poppler's pdftotext.
pdftotext:
	@command -v pdftotext >/dev/null 2>&1 || { \
	  echo "installing Debian's poppler-utils for the print tests"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq poppler-utils >/dev/null; }

# The HTML validity tests run the Nu validator, which needs a Java runtime.
java:
	@command -v java >/dev/null 2>&1 || { \
	  echo "installing Debian's default-jre-headless for the HTML validator"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq default-jre-headless >/dev/null; }

# Share cards are drawn in DejaVu (Debian's fonts-dejavu-core). Without it the build still works:
# the cards fall back to Pillow's built-in font, so this step may fail without stopping anything.
fonts:
	@[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || { \
	  echo "installing Debian's fonts-dejavu-core for the share cards"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq fonts-dejavu-core >/dev/null \
	  || echo "fonts-dejavu-core not installed: share cards use Pillow's built-in font"; }
