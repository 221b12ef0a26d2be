# The two commands a newcomer needs: `make run` and `make test`. Everything else supports them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# A copy of the pyproject.toml the venv was installed from: compared by content, never by file dates,
# because a fresh clone writes files in no particular order.
STAMP := $(VENV)/.installed-from

# The venv is usable only if its interpreter runs and imports `bot` from this very checkout: a venv
# copied from elsewhere, or one whose interpreter was removed, is rebuilt instead of running foreign code.
# (-I keeps the current folder off sys.path, so the check sees what an installed script would import.)
VENV_WORKS = $(BIN)/python -I -c 'import pathlib, sys, bot; \
	sys.exit(pathlib.Path(bot.__file__).resolve().parents[1] != pathlib.Path(sys.argv[1]).resolve())' '$(CURDIR)'

.PHONY: install run test lint eval bench clean

install:
	@if ! $(VENV_WORKS) >/dev/null 2>&1; then \
		rm -rf $(VENV) && $(PYTHON) -m venv $(VENV) || { echo "make: could not create $(VENV) with $(PYTHON)"; exit 1; }; \
	fi
	@if ! cmp -s pyproject.toml $(STAMP) || ! $(VENV_WORKS) >/dev/null 2>&1; then \
		$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]' > $(VENV)/install.log 2>&1 \
			|| { cat $(VENV)/install.log; echo "make: installing dependencies failed (log above)"; exit 1; }; \
		cp pyproject.toml $(STAMP); \
	fi

run: install
	@$(BIN)/python -m bot run

test: install
	@$(BIN)/python -m pytest

lint: install
	@$(BIN)/ruff check bot tests bench tools

# The corpus of real questions, both splits, and the shared sample, with every failure printed.
# The labelled sets in the shared sample's style (corpus/LABELLING.md): the sample, the team's tryout, and seventeen
# blind sets written by helpers that never saw the bot, each split into a dev half (failures shown) and a held-out
# half (scores only, never tuned against).
SAMPLE_SETS = ../shared/eval/sample.jsonl corpus/tryout.jsonl corpus/tryout2-dev.jsonl corpus/tryout3-dev.jsonl \
	corpus/tryout4-dev.jsonl corpus/tryout5-dev.jsonl corpus/tryout6-dev.jsonl corpus/tryout7-dev.jsonl \
	corpus/tryout8-dev.jsonl corpus/tryout9-dev.jsonl corpus/tryout10-dev.jsonl corpus/tryout11-dev.jsonl \
	corpus/tryout12-dev.jsonl corpus/tryout13-dev.jsonl corpus/tryout14-dev.jsonl \
	corpus/tryout15-dev.jsonl corpus/tryout16-dev.jsonl corpus/tryout17-dev.jsonl corpus/tryout18-dev.jsonl
HELD_OUT_SETS = corpus/tryout2-holdout.jsonl corpus/tryout3-holdout.jsonl corpus/tryout4-holdout.jsonl \
	corpus/tryout5-holdout.jsonl corpus/tryout6-holdout.jsonl corpus/tryout7-holdout.jsonl \
	corpus/tryout8-holdout.jsonl corpus/tryout9-holdout.jsonl \
	corpus/tryout10-holdout.jsonl corpus/tryout11-holdout.jsonl corpus/tryout12-holdout.jsonl \
	corpus/tryout13-holdout.jsonl corpus/tryout14-holdout.jsonl \
	corpus/tryout15-holdout.jsonl corpus/tryout16-holdout.jsonl corpus/tryout17-holdout.jsonl \
	corpus/tryout18-holdout.jsonl

eval: install
	@$(BIN)/python tools/evaluate.py --failures --check; status=$$?; \
	for set in $(SAMPLE_SETS) -- $(HELD_OUT_SETS); do \
		if [ "$$set" = "--" ]; then shown=""; continue; fi; echo "$$set:"; \
		python3 ../shared/eval/score.py $$set $${shown---show-failures} --cmd "$(BIN)/python -m bot ask --json" \
			2>/dev/null || echo "(../shared/eval/score.py or $$set not found)"; \
	done; exit $$status

bench: install
	@$(BIN)/python bench/engine.py
	@$(BIN)/python bench/http_mode.py
	@$(BIN)/python bench/serving.py

clean:
	rm -rf $(VENV) build *.egg-info
