#!/usr/bin/env bash
# The project's test command (README.md): vet, the pre-publish check of the
# repo's e-zine, every test with the race detector, then a short run of each
# fuzz target.
set -euo pipefail
cd "$(dirname "$0")/.."
FUZZTIME=${FUZZTIME:-15s}
go vet ./...
# The pre-publish check must pass on the repo's own e-zine.
go run . check
# The browser tests (generator/sitetest) load every page in Chromium several
# times over (axe, words at seven widths, privacy): more than go test's
# default 10 minutes on a loaded 2-core machine.
go test -race -count=1 -timeout 45m ./...
# go test -fuzz takes one target per run. Each run starts from the seeds
# (the fuzz cache is cleared): a cache grown over many local runs can take
# longer to replay than the fuzz time, which go test reports as a failure.
go clean -fuzzcache
go test -run='^$' -fuzz='^FuzzFrontMatter$' -fuzztime="$FUZZTIME" ./generator/content
go test -run='^$' -fuzz='^FuzzConvert$' -fuzztime="$FUZZTIME" ./generator/markdown
go test -run='^$' -fuzz='^FuzzBlocks$' -fuzztime="$FUZZTIME" ./generator/markdown/blocks
go test -run='^$' -fuzz='^FuzzBuildPage$' -fuzztime="$FUZZTIME" ./generator/pipeline
# Hostile files: image headers and metadata stripping, SVG sanitising.
go test -run='^$' -fuzz='^FuzzStrip$' -fuzztime="$FUZZTIME" ./generator/images
go test -run='^$' -fuzz='^FuzzSanitize$' -fuzztime="$FUZZTIME" ./generator/svgsafe
# Differential fuzzing: the fast paths against their definitions.
go test -run='^$' -fuzz='^FuzzBodyOffset$' -fuzztime="$FUZZTIME" ./generator/content
go test -run='^$' -fuzz='^FuzzCountWords$' -fuzztime="$FUZZTIME" ./generator/markdown
go test -run='^$' -fuzz='^FuzzLinkifyGate$' -fuzztime="$FUZZTIME" ./generator/markdown
