#!/usr/bin/env bash
# Installs what the RQ comparison needs: Debian's Redis and RQ (python3-rq is
# installed for /usr/bin/python3, which run.sh uses explicitly).
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"
need_apt redis-server python3-rq
