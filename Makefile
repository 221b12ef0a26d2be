# The two commands a newcomer needs: `make run` and `make test`. Everything else supports them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run test lint bench clean

install: $(STAMP)

# Re-install only when the project definition changes; quiet when already done.
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]' > $(VENV)/install.log 2>&1 \
		|| { cat $(VENV)/install.log; echo "make: installing dependencies failed (log above)"; exit 1; }
	@touch $(STAMP)

run: install
	@$(BIN)/pyframework run

test: install
	@$(BIN)/python -m pytest

lint: install
	@$(BIN)/ruff check bot tests bench

bench: install
	@$(BIN)/python bench/engine.py
	@$(BIN)/python bench/http_mode.py

clean:
	rm -rf $(VENV) build *.egg-info
