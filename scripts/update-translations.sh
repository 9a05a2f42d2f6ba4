#!/usr/bin/env bash
# Refreshes resources/i18n/ganstudio_ja.ts from the sources (lupdate, from Debian's
# qt6-l10n-tools) and fills in the Japanese texts kept in scripts/i18n/ja.py. Prints what is
# still untranslated; CMake builds the .qm from the .ts (lrelease).
#
#   scripts/update-translations.sh
set -euo pipefail
cd "$(dirname "$0")/.."
lupdate=${LUPDATE:-/usr/lib/qt6/bin/lupdate}
ts=resources/i18n/ganstudio_ja.ts
"$lupdate" -I . -no-obsolete -locations none -source-language en -target-language ja \
  -tr-function-alias QT_TRANSLATE_NOOP+=GS_TRANSLATE ui app/gui model/config -ts "$ts"
python3 - "$ts" <<'PY'
import sys, xml.etree.ElementTree as ET
sys.path.insert(0, "scripts/i18n")
from ja import JA
path = sys.argv[1]
tree = ET.parse(path)
missing = []
for message in tree.getroot().iter("message"):
    source = message.find("source").text or ""
    translation = message.find("translation")
    if source in JA:
        translation.text = JA[source]
        translation.attrib.pop("type", None)
    else:
        missing.append(source)
tree.write(path, encoding="utf-8", xml_declaration=True)
with open(path, "r+", encoding="utf-8") as f:  # keep Qt's doctype line
    text = f.read().replace("<?xml version='1.0' encoding='utf-8'?>",
                            '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>', 1)
    f.seek(0); f.write(text); f.truncate()
for source in missing:
    print("untranslated:", source.replace("\n", "\\n"))
print(f"{path}: {len(missing)} untranslated")
sys.exit(1 if missing else 0)
PY
