#!/usr/bin/env bash
# Installs what the benchmark's peers need (run as root; idempotent). Called by `make bench`.
# The tests never install these: the peers are only for bench/run.py.
#   apt:  gcc, libxlsxwriter-dev (the C peer of W1), time (/usr/bin/time), LibreOffice Calc (W2)
#   venv: .venv-bench with pinned Python peers and the readers that check every output
set -u
cd "$(dirname "$0")/.."

APT_PACKAGES="gcc libxlsxwriter-dev time libreoffice-calc-nogui python3-venv"
VENV=.venv-bench
# Pinned: the newest versions that install on Debian 12's Python 3.11.
PY_PACKAGES="pandas==3.1.1 XlsxWriter==3.3.1 openpyxl==3.1.5 odfpy==1.4.1 pyexcel-ods3==0.6.1 \
python-docx==1.2.0 docxtpl==0.20.2 docx-mailmerge==0.5.0 python-calamine==0.9.1"

status=0

missing=""
for p in $APT_PACKAGES; do
    dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
done
if [ -n "$missing" ]; then
    echo "apt: cài$missing"
    if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing; }; then
        echo "apt: không cài được$missing — các công cụ cần chúng sẽ bị bỏ qua (chưa cài)." >&2
        status=1
    fi
fi

if [ ! -x "$VENV/bin/python" ]; then
    /usr/bin/python3 -m venv "$VENV" || { echo "Không tạo được $VENV." >&2; exit 1; }
fi

stamp="$VENV/.installed"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$PY_PACKAGES" ]; then
    # One package at a time, so a peer that fails to install is reported and the others stay.
    failed=""
    for p in $PY_PACKAGES; do
        "$VENV/bin/python" -m pip install -q --disable-pip-version-check "$p" || failed="$failed $p"
    done
    if [ -n "$failed" ]; then
        echo "pip: không cài được$failed — bench/run.py sẽ báo «chưa cài» và bỏ qua." >&2
        status=1
    else
        echo "$PY_PACKAGES" > "$stamp"
    fi
fi

# A peer that failed to install is skipped by run.py, never a reason to stop `make bench`.
[ "$status" -eq 0 ] || echo "bench/setup.sh: có công cụ chưa cài (xem trên); vẫn tiếp tục." >&2
exit 0
