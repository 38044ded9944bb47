.DEFAULT_GOAL := help
SHELL := /bin/bash

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

run: ## Install, load the demo practice and serve it on http://127.0.0.1:8000 (PORT=... to change)
	@scripts/run.sh

test: ## Install, lint and run the whole test suite on a throwaway PostgreSQL and on SQLite, side by side
	@scripts/test.sh

bench: ## Serve the site the production way, load it with wrk and print req/s, p50, p99, render time, page weight
	@source scripts/lib.sh && ensure_venv requirements-dev.txt && ensure_apt wrk=wrk && .venv/bin/python bench/pages.py

lighthouse: ## Lighthouse (mobile) scores for home, treatment, article and consultation pages
	@bench/lighthouse.sh

multi-server: ## Two app servers, one PostgreSQL, one Redis on this machine: check what they share, print figures
	@bench/multi_server.sh

backup: ## Dump PostgreSQL and media to var/backups/<time> (needs DATABASE_URL)
	@scripts/backup.sh

lint: ## Ruff lint and format check
	@source scripts/lib.sh && ensure_venv requirements-dev.txt && .venv/bin/ruff check . && .venv/bin/ruff format --check .

faults: ## Inject faults 1-9 into the web server, worker, PostgreSQL and a real SMTP server; print the table (root, a few minutes)
	@source scripts/lib.sh && ensure_venv requirements-dev.txt && .venv/bin/python bench/faults.py

bench-leads: ## Time the lead admin at 100,000 leads and at 1,000,000 (a throwaway PostgreSQL; several minutes) with their ratio
	@source scripts/lib.sh && ensure_venv requirements-dev.txt && .venv/bin/python bench/leads_admin.py

bench-scale: ## The demo and ten times its pages and leads (1,000,000) in a throwaway PostgreSQL: costs at 1x, 10x and their ratio
	@source scripts/lib.sh && ensure_venv requirements-dev.txt && .venv/bin/python bench/scale.py

css: ## Regenerate the Bootstrap the site ships, purged of unused rules (after adding a Bootstrap class)
	@scripts/build_css.sh

format: ## Apply ruff's fixes and formatting
	@source scripts/lib.sh && ensure_venv requirements-dev.txt && .venv/bin/ruff check --fix . && .venv/bin/ruff format .

.PHONY: help run test bench lighthouse multi-server backup faults lint format bench-leads bench-scale css
