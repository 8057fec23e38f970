# The two commands of the README: `make run` and `make test`.
# Both install what is missing (Debian packages, a virtualenv, the package) first.

PYTHON      ?= python3
VENV        ?= .venv
BIN         := $(VENV)/bin
INI         ?= development.ini
# libicu-dev, pkg-config, g++ and python3-dev build PyICU against Debian's ICU.
# python3-venv: Debian's python3 makes no virtualenv without it.
APT_PACKAGES := tesseract-ocr tesseract-ocr-tha tesseract-ocr-osd fonts-tlwg-laksaman-ttf \
                fonts-tlwg-norasi-ttf fonts-tlwg-kinnari-ttf fonts-tlwg-loma-ttf \
                fonts-tlwg-garuda-ttf fonts-tlwg-waree-ttf fonts-tlwg-umpush-ttf fonts-noto-core \
                fonts-arundina fonts-tlwg-sawasdee-ttf fonts-tlwg-typo-ttf \
                poppler-utils chromium chromium-driver gettext \
                libpango-1.0-0 libpangoft2-1.0-0 \
                libicu-dev pkg-config g++ python3-dev python3-venv
# Translations: the .po files are kept in git, the compiled .mo files are built here.
LOCALE_DIR  := src/damrong/locale
PO_FILES    := $(wildcard $(LOCALE_DIR)/*/LC_MESSAGES/*.po)
MO_FILES    := $(PO_FILES:.po=.mo)
SUDO        := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test test-fast system-packages venv bench bench-ocr bench-ocr-set ocr-model clean-var zeo messages

run: venv ocr-model
	$(BIN)/damrong -c $(INI) init --demo-if-new
	$(BIN)/pserve $(INI)

# Several processes on one machine: `make zeo` in one terminal, then `pserve zeo.ini` and one
# `damrong -c zeo.ini worker` per core.
zeo: venv
	mkdir -p var
	$(BIN)/damrong -c zeo.ini init
	$(BIN)/runzeo -C config/zeo.conf

test: venv ocr-model
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The everyday run: all but the tests marked slow or browser (setup.cfg's markers), on every
# core (pytest-xdist). `make test`, what CI runs, still runs everything, one test at a time.
test-fast: venv ocr-model
	$(BIN)/python -m pytest -m "not slow and not browser" -n auto $(PYTEST_ARGS)

bench: venv
	$(BIN)/python bench/intake.py
	$(BIN)/python bench/search.py
	$(BIN)/python bench/casework.py

venv: system-packages $(VENV)/.installed $(MO_FILES)

# msgfmt comes from Debian's gettext, hence after system-packages (also under make -j).
%.mo: %.po | system-packages
	msgfmt --check --output-file=$@ $<

# Re-extract every marked string (Python `_()` and Chameleon i18n:*) into the .pot, then merge it
# into each .po; new strings arrive untranslated and tests/test_i18n.py fails until translated.
messages: system-packages $(VENV)/.installed
	$(BIN)/pot-create --package-name=damrong --domain=damrong --output=$(LOCALE_DIR)/damrong.pot src/damrong
	for po in $(PO_FILES); do \
	  msgmerge --quiet --update --backup=none --no-fuzzy-matching $$po $(LOCALE_DIR)/damrong.pot && \
	  msgattrib --no-obsolete --output-file=$$po $$po; \
	done

bench-ocr: venv ocr-model
	$(BIN)/python bench/ocr.py

# The independent OCR evaluation set (bench/ocr_eval/README.md): 64 pages typeset by WeasyPrint
# and degraded by augraphy into bench/results/ocr-eval/ (3.5-5 min on 2 cores, kept once built).
bench-ocr-set: venv
	$(BIN)/python bench/ocr_eval/generate.py

# The Thai digit model of damrong.ocr (rendered from the fonts above, ~25 s, kept in the
# user's cache or $$DAMRONG_OCR_MODEL; the first OCR call would build it otherwise).
ocr-model: venv
	$(BIN)/python -m damrong.ocr.build_model

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
