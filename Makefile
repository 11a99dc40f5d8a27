# Two commands do all the set-up: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell sha1sum pyproject.toml | cut -c1-12)

.PHONY: run test install messages messages-update pdf-fonts lint format demo dirs bench bench-smoke clean

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@rm -f $(VENV)/.installed-* && touch $@

install: $(STAMP)

# Translations are compiled from locale/*/django.po (needs GNU gettext's msgfmt).
messages: install
	@command -v msgfmt >/dev/null || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null \
	  && apt-get update -qq && apt-get install -y -qq gettext >/dev/null; } \
	  || { echo "msgfmt not found: install GNU gettext (Debian: apt-get install gettext)"; exit 1; }
	$(PY) manage.py compilemessages --ignore=.venv -v0

# PDFs (coordination/pdf.py): WeasyPrint's Pango, Noto Sans for Latin text and
# Amiri / Noto Naskh Arabic for Arabic, which Pango shapes right to left.
PDF_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 fonts-hosny-amiri fonts-noto-core
pdf-fonts:
	@{ fc-list 2>/dev/null | grep -q Amiri && fc-list | grep -q NotoSans-Regular; } \
	  || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && apt-get update -qq \
	       && apt-get install -y -qq --no-install-recommends $(PDF_PACKAGES) >/dev/null; } \
	  || echo "PDFs need Pango and the Amiri and Noto fonts (Debian: apt-get install $(PDF_PACKAGES))"

# After adding strings: refresh the Arabic catalog, then translate the new entries.
messages-update: install
	$(PY) manage.py makemessages -l ar --no-location --ignore=.venv --ignore=var --ignore=tests --ignore=staticfiles

# The folders of a development machine (SQLite, mail, media, kombu's filesystem
# broker that the web process writes to and the worker reads); settings create none.
VAR_DIR ?= var
dirs:
	@mkdir -p $(VAR_DIR)/media $(VAR_DIR)/mail $(addprefix $(VAR_DIR)/celery/,out processed control)

demo: messages pdf-fonts dirs
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py load_demo
	$(PY) manage.py load_demo_projects
	$(PY) manage.py load_demo_reports

# The key `make run` signs sessions with (run.env: SECRET_KEY_FILE), made once.
$(VAR_DIR)/secret_key:
	@mkdir -p $(VAR_DIR)
	@umask 077 && $(PY) -c "import secrets; print(secrets.token_urlsafe(50))" > $@

# Web, worker and beat with run.env: DEBUG off, the portal's own error pages.
run: demo $(VAR_DIR)/secret_key
	@echo ""
	@echo "  Portal: http://127.0.0.1:8000/   (Celery worker and beat run beside it; Ctrl-C stops all)"
	@echo ""
	$(VENV)/bin/honcho -e run.env -f Procfile.dev start

test: messages pdf-fonts dirs
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(VENV)/bin/pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# The benchmark (bench/README.md): each script of BENCH_SCRIPTS that exists, in
# order, at SIZE (S, M or L: each its own database, filled once) with REPEATS
# samples per page. `make bench-smoke`: one repeat at S, a few seconds of load.
SIZE ?= S
REPEATS ?= 15
BENCH_SCRIPTS := pages load longwork
BENCH_ARGS ?= --size $(SIZE)
bench: messages pdf-fonts dirs
	@for script in $(BENCH_SCRIPTS); do \
	  if [ -f bench/$$script.py ]; then \
	    extra=""; [ $$script = pages ] && extra="--repeats $(REPEATS)"; \
	    echo "== bench/$$script.py $(BENCH_ARGS) $$extra"; \
	    $(PY) bench/$$script.py $(BENCH_ARGS) $$extra || exit 1; \
	  fi; \
	done

bench-smoke:
	$(MAKE) bench BENCH_ARGS=--smoke REPEATS=1

clean:
	rm -rf $(VENV) var staticfiles
