#!/usr/bin/env python3
"""Schema validation of every XML part of OOXML and ODF packages.

usage: schemas.py SCHEMA_DIR FILE...   (venv python with lxml; jing on PATH for ODF)

OOXML parts are validated with lxml against ECMA-376 (SCHEMA_DIR/ooxml); ODF parts with jing
against OpenDocument 1.3 (SCHEMA_DIR/odf). Prints one JSON object per file:
  {"file": PATH, "ok": bool, "checked": [PART...], "errors": [MESSAGE...]} or {"missing": why}.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile

OOXML_NS = {
    "http://schemas.openxmlformats.org/spreadsheetml/2006/main": "sml.xsd",
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main": "wml.xsd",
    "http://schemas.openxmlformats.org/package/2006/content-types": "opc-contentTypes.xsd",
    "http://schemas.openxmlformats.org/package/2006/relationships": "opc-relationships.xsd",
    "http://schemas.openxmlformats.org/package/2006/metadata/core-properties": "opc-coreProperties.xsd",
    "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties": "shared-documentPropertiesExtended.xsd",
    "http://schemas.openxmlformats.org/drawingml/2006/chart": "dml-chart.xsd",
    "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing": "dml-spreadsheetDrawing.xsd",
    "http://schemas.openxmlformats.org/drawingml/2006/main": "dml-main.xsd",
}

_ooxml_schema = None


def ooxml_schema(d):
    """One schema importing every namespace we validate (lxml resolves the imports)."""
    global _ooxml_schema
    if _ooxml_schema is None:
        from lxml import etree
        imports = "".join('<xsd:import namespace="%s" schemaLocation="%s"/>' % (ns, os.path.join(d, f))
                          for ns, f in OOXML_NS.items())
        root = ('<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" '
                'targetNamespace="urn:tdkt:all" elementFormDefault="qualified">%s</xsd:schema>' % imports)
        _ooxml_schema = etree.XMLSchema(etree.fromstring(root.encode(), base_url=os.path.join(d, "all.xsd")))
    return _ooxml_schema


XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def check_ooxml(path, d):
    from lxml import etree
    errors, checked = [], []
    schema = ooxml_schema(os.path.join(d, "ooxml"))
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if not (name.endswith(".xml") or name.endswith(".rels")):
                continue
            root = etree.fromstring(z.read(name), parser)
            ns = etree.QName(root).namespace
            if ns not in OOXML_NS:
                continue
            checked.append(name)
            # Known deviation of the ECMA-376 XSDs: xml:space is not declared on simple-typed
            # text elements (<t>) although Office itself writes xml:space="preserve" there and
            # readers need it for leading/trailing spaces. Accept preserve/default, drop it.
            for el in root.iter():
                if isinstance(el.tag, str) and XML_SPACE in el.attrib:
                    if el.attrib[XML_SPACE] not in ("preserve", "default"):
                        errors.append("%s: xml:space=%r" % (name, el.attrib[XML_SPACE]))
                    del el.attrib[XML_SPACE]
            if not schema.validate(etree.ElementTree(root)):
                for e in list(schema.error_log)[:5]:
                    errors.append("%s:%d: %s" % (name, e.line, e.message))
    return checked, errors


def check_odf(path, d):
    jing = shutil.which("jing")
    if not jing:
        return None, "jing not installed"
    main = os.path.join(d, "odf", "OpenDocument-v1.3-schema.rng")
    manifest = os.path.join(d, "odf", "OpenDocument-v1.3-manifest-schema.rng")
    errors, checked = [], []
    tmp = tempfile.mkdtemp(prefix="tdkt-schema-")
    try:
        with zipfile.ZipFile(path) as z:
            parts, man = [], None
            for name in z.namelist():
                if not name.endswith(".xml"):
                    continue
                target = os.path.join(tmp, name.replace("/", "__"))
                with open(target, "wb") as f:
                    f.write(z.read(name))
                if name == "META-INF/manifest.xml":
                    man = target
                else:
                    parts.append((name, target))
        for schema, files in ((main, parts), (manifest, [("META-INF/manifest.xml", man)] if man else [])):
            if not files:
                continue
            r = subprocess.run([jing, "-i", schema] + [t for _, t in files], capture_output=True, text=True, timeout=300)
            checked.extend(n for n, _ in files)
            # jing reports validation errors on stdout; its stderr carries classpath warnings.
            lines = r.stdout.splitlines()
            if r.returncode != 0 and not lines:
                lines = [l for l in r.stderr.splitlines() if not l.startswith("[warning]")] or ["jing exit %d" % r.returncode]
            for line in lines:
                if line.strip():
                    for n, t in files:
                        line = line.replace(t, n)
                    errors.append(line)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return checked, errors


def main(argv):
    d = os.path.abspath(argv[0])
    for path in argv[1:]:
        ext = path[path.rfind("."):].lower()
        try:
            if ext in (".xlsx", ".docx", ".xlsm", ".dotx"):
                try:
                    import lxml  # noqa: F401
                except ImportError as e:
                    print(json.dumps({"file": path, "missing": "lxml: %s" % e}), flush=True)
                    continue
                checked, errors = check_ooxml(path, d)
            elif ext in (".ods", ".odt"):
                checked, errors = check_odf(path, d)
                if checked is None:
                    print(json.dumps({"file": path, "missing": errors}), flush=True)
                    continue
            else:
                print(json.dumps({"file": path, "ok": False, "checked": [], "errors": ["unknown type"]}), flush=True)
                continue
            print(json.dumps({"file": path, "ok": not errors and bool(checked), "checked": checked,
                              "errors": errors[:20]}, ensure_ascii=False), flush=True)
        except Exception as e:
            print(json.dumps({"file": path, "ok": False, "checked": [], "errors": ["%s: %s" % (type(e).__name__, e)]},
                             ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
