# The two commands of the README: `make run` and `make test`.
# Both install what is missing (Debian packages, a virtualenv, the package) first.

PYTHON      ?= python3
VENV        ?= .venv
BIN         := $(VENV)/bin
INI         ?= development.ini
# libicu-dev, pkg-config, g++ and python3-dev build PyICU against Debian's ICU.
APT_PACKAGES := tesseract-ocr tesseract-ocr-tha fonts-tlwg-laksaman-ttf fonts-tlwg-norasi-ttf \
                poppler-utils chromium chromium-driver \
                libicu-dev pkg-config g++ python3-dev
SUDO        := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test system-packages venv bench clean-var zeo

run: venv
	$(BIN)/damrong -c $(INI) init --demo-if-new
	$(BIN)/pserve $(INI)

# Several processes on one machine: `make zeo` in one terminal, then `pserve zeo.ini` and one
# `damrong -c zeo.ini worker` per core.
zeo: venv
	mkdir -p var
	$(BIN)/damrong -c zeo.ini init
	$(BIN)/runzeo -C config/zeo.conf

test: venv
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: venv
	$(BIN)/python bench/intake.py
	$(BIN)/python bench/search.py

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
