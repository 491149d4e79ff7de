#!/bin/sh
# W2 tally-ods peer: LibreOffice headless converting the CSV (values only, no styles).
# Usage: w2_soffice.sh INPUT.csv OUTPUT.ods PROFILE_DIR
# CSV filter options: separator ',' (44), quote '"' (34), UTF-8 (76), start at line 1.
set -e
in=$1; out=$2; profile=$3
dir=$(mktemp -d "${out%/*}/soffice.XXXXXX")
soffice --headless --norestore "-env:UserInstallation=file://$profile" \
    --infilter="CSV:44,34,76,1" --convert-to ods --outdir "$dir" "$in" >/dev/null
base=${in##*/}
mv "$dir/${base%.*}.ods" "$out"
rmdir "$dir"
