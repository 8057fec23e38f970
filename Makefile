# The two commands of the README: `make run` and `make test`.
# Both install what is missing (Debian packages, a virtualenv, the package) first.

PYTHON      ?= python3
VENV        ?= .venv
BIN         := $(VENV)/bin
INI         ?= development.ini
APT_PACKAGES := tesseract-ocr tesseract-ocr-tha tesseract-ocr-osd fonts-tlwg-laksaman-ttf \
                fonts-tlwg-norasi-ttf fonts-tlwg-kinnari-ttf fonts-tlwg-loma-ttf \
                fonts-tlwg-garuda-ttf fonts-tlwg-waree-ttf fonts-tlwg-umpush-ttf \
                poppler-utils chromium chromium-driver
SUDO        := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test system-packages venv bench bench-ocr ocr-model clean-var

run: venv ocr-model
	$(BIN)/damrong -c $(INI) init --demo-if-new
	$(BIN)/pserve $(INI)

test: venv ocr-model
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: venv
	$(BIN)/python bench/intake.py

bench-ocr: venv ocr-model
	$(BIN)/python bench/ocr.py

# The Thai digit model of damrong.ocr (rendered from the fonts above, ~10 s, kept in the
# user's cache or $$DAMRONG_OCR_MODEL; the first OCR call would build it otherwise).
ocr-model: venv
	$(BIN)/python -m damrong.ocr.build_model

venv: system-packages $(VENV)/.installed

system-packages:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

$(VENV)/.installed: setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $@

clean-var:
	rm -rf var
